# Kill-safety: SIGKILL `gongshi build` at many moments.  After each kill
# the previous output must be whole and identical, and the next build must
# succeed and leave no staging directory behind.
new_site kill
# Enough records that a build takes a while.
i=0
while [ $i -lt 400 ]; do
	n=$(printf '%03d' $i)
	add_record notices "2026-10-01-n$n.md" <<EOT
---
type: notice
kind: notice
title: 第${n}号测试通知标题
date: 2026-10-01
summary: 测试通知摘要。
tags: [测试$((i % 7))]
---
## 通知内容

各位居民：这是第 ${n} 号测试通知，用来让生成过程持续一段时间。
$(seq 1 40 | sed 's/.*/- 第&条：请各位居民相互转告，按时参加。/')
EOT
	i=$((i + 1))
done
gs build -o "$WORK/out"
expect_rc 0
before=$(tree_hash "$WORK/out")
# Change the content so that a completed build would differ.
sed -i 's/第000号测试通知标题/第000号已修改的通知/' content/notices/2026-10-01-n000.md
k=0
for delay in 0.001 0.003 0.005 0.008 0.01 0.015 0.02 0.03 0.04 0.05 0.07 0.09 0.12 0.15 0.2; do
	"$GONGSHI" build -o "$WORK/out" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	after=$(tree_hash "$WORK/out")
	if [ "$after" != "$before" ]; then
		# The build may have finished before the kill: then the output
		# must be the complete new site.
		grep -q "第000号已修改的通知" "$WORK/out/notices/2026-10-01-n000/index.html" ||
			fail "output changed but is not the new build after kill at ${delay}s"
		before=$after
	fi
	k=$((k + 1))
done
gs build -o "$WORK/out"
expect_rc 0
expect_grep "$WORK/out/notices/2026-10-01-n000/index.html" "第000号已修改的通知"
ls -a "$WORK" | grep -q '\.out\.staging-' && fail "staging directory left behind"
true
