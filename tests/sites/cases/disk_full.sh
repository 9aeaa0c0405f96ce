# A full disk fails with a clear error (exit 3, "磁盘空间不足") and leaves
# the previous output whole, with no staging directory; once there is
# room again the next build goes through.  Two ways: a file size limit
# (ulimit -f; the pages, then a big static file), and, where this runs as
# root and may mount, a real full disk: a small tmpfs, in a private mount
# namespace so that nothing outside the test sees it.
new_site full
add_record notices 2026-10-01-big.md <<EOT
---
type: notice
kind: notice
title: 一条正文很长的通知
date: 2026-10-01
summary: 测试磁盘空间不足。
---
$(seq 1 3000 | sed 's/.*/第&段：各位居民请注意，这是一段用来占用空间的测试文字。/')
EOT

# full_ulimit KB: build into $WORK/out under a file size limit of KB
full_ulimit() {
	OUT="$WORK/last.out"; ERR="$WORK/last.err"
	set +e
	(ulimit -f "$1"; exec "$GONGSHI" build -o "$WORK/out") >"$OUT" 2>"$ERR"
	RC=$?
	set -e
}

gs build -o "$WORK/out"
expect_rc 0
before=$(tree_hash "$WORK/out")
sed -i 's/一条正文很长的通知/一条正文很长的新通知/' content/notices/2026-10-01-big.md
full_ulimit 64
expect_rc 3
expect_err '（磁盘空间不足）'
expect_err '未生成网站，原有网站保持不变'
[ "$(tree_hash "$WORK/out")" = "$before" ] || fail "output changed after a failed build"
ls -a "$WORK" | grep -q '\.out\.staging-' && fail "staging directory left behind"
# A static file too big to copy.
sed -i 's/一条正文很长的新通知/一条正文很长的通知/' content/notices/2026-10-01-big.md
mkdir -p static/files
head -c 3000000 /dev/zero >static/files/big.pdf
full_ulimit 2048
expect_rc 3
expect_err 'static/files/big.pdf: error: 无法复制：File too large（磁盘空间不足）'
[ "$(tree_hash "$WORK/out")" = "$before" ] || fail "output changed after a failed build"
ls -a "$WORK" | grep -q '\.out\.staging-' && fail "staging directory left behind"
rm static/files/big.pdf

# A build killed between the two renames of the fallback commit (where
# rename(2) cannot exchange directories) leaves .out.old and no out: the
# next build puts the previous site back first, even if it then fails.
mv "$WORK/out" "$WORK/.out.old"
ln -s / static/escape
gs build -o "$WORK/out"
expect_rc 1
expect_err 'static/escape: error: 指向站点目录以外的符号链接，已拒绝'
[ -d "$WORK/out" ] || fail "the previous site was not put back"
[ -e "$WORK/.out.old" ] && fail ".out.old is still there"
[ "$(tree_hash "$WORK/out")" = "$before" ] || fail "the site put back is not the previous one"
rm static/escape

# A real full disk.
if [ "$(id -u)" != 0 ] || ! unshare -m --propagation private \
    sh -c "mkdir -p '$WORK/probe-mnt' && mount -t tmpfs -o size=64k tmpfs '$WORK/probe-mnt'" 2>/dev/null; then
	echo "    (cannot mount a tmpfs here: the full-disk case ran with ulimit -f only)"
	exit 0
fi
size=$(du -sk "$WORK/out" | cut -f1)
# Room for one site and a half: the first build fits, a second copy
# (the staging tree beside the old site) does not.
export SITE size
unshare -m --propagation private sh -eu <<'INNER'
. "$ROOT/tests/sites/lib.sh"
cd "$SITE"
disk="$WORK/disk"
mkdir -p "$disk"
mount -t tmpfs -o size=$((size * 3 / 2 + 64))k tmpfs "$disk"
gs build -o "$disk/out"
expect_rc 0
before=$(tree_hash "$disk/out")
sed -i 's/一条正文很长的通知/一条正文很长的新通知/' content/notices/2026-10-01-big.md
gs build -o "$disk/out"
expect_rc 3
expect_err 'No space left on device（磁盘空间不足）'
expect_err '未生成网站，原有网站保持不变'
[ "$(tree_hash "$disk/out")" = "$before" ] || fail "output changed after a build on a full disk"
ls -a "$disk" | grep -q '\.out\.staging-' && fail "staging directory left behind on the full disk"
# Room for the pages, not for a static file as big as one site and a
# half.
mount -o remount,size=$((size * 3))k "$disk"
mkdir -p static/files
head -c $((size * 3 / 2 * 1024)) /dev/zero >static/files/big.pdf
gs build -o "$disk/out"
expect_rc 3
expect_err 'static/files/big.pdf: error: 无法复制：No space left on device（磁盘空间不足）'
[ "$(tree_hash "$disk/out")" = "$before" ] || fail "output changed after a build on a full disk"
rm static/files/big.pdf
# Room again: the new site goes in.
gs build -o "$disk/out"
expect_rc 0
expect_grep "$disk/out/notices/2026-10-01-big/index.html" '一条正文很长的新通知'
ls -a "$disk" | grep -q '\.out\.staging-' && fail "staging directory left behind"
umount "$disk"
INNER
