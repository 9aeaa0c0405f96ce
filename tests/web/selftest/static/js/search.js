// Self-test search: shows, under the box, copies of the home page's links
// whose text contains what was typed.
(function () {
	var q = document.getElementById('q');
	var out = document.getElementById('results');
	q.addEventListener('input', function () {
		out.textContent = '';
		var w = q.value.trim();
		if (!w)
			return;
		document.querySelectorAll('#latest a').forEach(function (a) {
			if (a.textContent.indexOf(w) >= 0) {
				var li = document.createElement('li');
				li.appendChild(a.cloneNode(true));
				out.appendChild(li);
			}
		});
	});
})();
