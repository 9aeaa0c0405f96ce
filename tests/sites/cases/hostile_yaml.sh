# YAML, hostile input: an alias, an anchor, a tag and a billion-laughs
# document are rejected at once, at the line:col where they are written,
# in a record and in site.yaml; nothing is built.
new_site yaml
add_record notices ok.md <<'EOT'
---
type: notice
kind: notice
title: 正常的通知公告
date: 2026-11-20
summary: 摘要。
---
正文。
EOT
gs build
expect_rc 0
before=$(tree_hash public)

# rejected NAME EXPECTED < record
rejected() {
	add_record notices "$1.md"
	gs_within 2 build
	expect_rc 1
	expect_err "$2"
	expect_err '未生成网站，原有网站保持不变'
	[ "$(tree_hash public)" = "$before" ] || fail "public/ changed"
	rm "content/notices/$1.md"
}

rejected alias 'content/notices/alias.md:7:11: error: 不支持 YAML 别名（*t）：请把内容直接写出来' <<'EOT'
---
type: notice
kind: notice
title: 别名测试通知
date: 2026-11-20
summary: 摘要。
tags: [a, *t]
---
EOT
rejected anchor 'content/notices/anchor.md:4:8: error: 不支持 YAML 锚点（&t）：请把内容直接写出来' <<'EOT'
---
type: notice
kind: notice
title: &t 锚点测试通知
date: 2026-11-20
summary: 摘要。
---
EOT
rejected tag 'content/notices/tag.md:6:10: error: 不支持 YAML 标签（tag:yaml.org,2002:python/object:os.system）' <<'EOT'
---
type: notice
kind: notice
title: 标签测试通知
date: 2026-11-20
summary: !!python/object:os.system 摘要。
---
EOT
rejected tag2 'content/notices/tag2.md:6:10: error: 不支持 YAML 标签（!x）' <<'EOT'
---
type: notice
kind: notice
title: 标签测试通知
date: 2026-11-20
summary: !x 摘要。
---
EOT

# A billion laughs: nine levels of ten aliases each, 10^9 "lol" if it
# were expanded.  The first anchor stops it.
{
	printf -- '---\ntype: notice\nkind: notice\ntitle: 十亿笑声测试\ndate: 2026-11-20\n'
	printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	prev=a
	for l in b c d e f g h i; do
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $l $l $prev $prev $prev $prev $prev $prev $prev $prev $prev $prev
		prev=$l
	done
	printf -- '---\n'
} | rejected laughs 'content/notices/laughs.md:6:4: error: 不支持 YAML 锚点（&a）：请把内容直接写出来'
# The same with the aliases first written as a flow of anchors inside one
# another: still the first anchor.
printf -- '---\ntype: notice\nkind: notice\ntitle: 十亿笑声测试二\ndate: 2026-11-20\nsummary: [&x [&y [&z lol]], *x, *y, *z]\n---\n' |
	rejected laughs2 'content/notices/laughs2.md:6:11: error: 不支持 YAML 锚点（&x）'

# site.yaml, too.
cp site.yaml "$WORK/site.yaml"
printf 'footer: &f 页脚\nfooter2: *f\n' >>site.yaml
line=$(grep -n '^footer:' site.yaml | cut -d: -f1)
gs_within 2 build
expect_rc 1
expect_err "site.yaml:$line:9: error: 不支持 YAML 锚点（&f）：请把内容直接写出来"
[ "$(tree_hash public)" = "$before" ] || fail "public/ changed"
cp "$WORK/site.yaml" site.yaml
