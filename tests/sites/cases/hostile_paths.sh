# Paths, hostile input: traversal through slug, cover, attachments,
# share_image, flowchart and -o is rejected with an error at the field's
# line:col; symbolic links that lead out of the site (a record linked to
# /etc/passwd or to a record elsewhere, a linked section directory, a
# link in static/, a linked content/) are refused.  Every refusal exits
# 1, names the problem, writes nothing (the previous output stays byte for
# byte) and leaves no staging directory; nothing of /etc/passwd is ever
# published.
new_site paths
mkdir -p static/img
cp "$ROOT/static/img/share-qingfeng.png" static/img/share.png
cp "$ROOT/static/img/share-qingfeng.png" static/img/cover.png
add_record notices ok.md <<'EOT'
---
type: notice
kind: notice
title: 路径测试的正常通知
date: 2026-11-20
summary: 摘要。
cover: img/cover.png
cover_alt: 封面图说明
---
正文。
EOT
gs build
expect_rc 0
before=$(tree_hash public)
root_user=$(head -1 /etc/passwd | cut -d: -f1-3)

# unchanged: the refused build left public/ as it was, and nothing else
unchanged() {
	expect_err '未生成网站，原有网站保持不变'
	[ "$(tree_hash public)" = "$before" ] || fail "public/ changed after a refused build"
	ls -a | grep -q '^\.public\.staging' && fail "a staging directory was left"
	grep -rqF "$root_user" public && fail "/etc/passwd was published"
	return 0
}

# refused_record SECTION NAME EXPECTED-LINE... < record: building with
# this record fails with each expected diagnostic (fixed strings).
refused_record() {
	sec=$1 name=$2
	shift 2
	add_record "$sec" "$name"
	gs build
	expect_rc 1
	for e in "$@"; do
		expect_err "$e"
	done
	unchanged
	rm -f "content/$sec/$name"
}

# slug: the page's directory.
refused_record notices slug.md \
    'content/notices/slug.md:5:1: error: 网址名 slug：“../../../etc”只能用小写字母、数字和“-”（不超过 64 个字符）' \
    'content/notices/slug.md:6:1: error: 更正/替代 supersedes：“../ok”只能用小写字母、数字和“-”' <<'EOT'
---
type: notice
kind: notice
title: 路径测试通知一
slug: ../../../etc
supersedes: ../ok
date: 2026-11-20
summary: 摘要。
---
EOT
for s in .. . 'a/../../b' '%2e%2e' '..%2f' 'A'; do
	printf -- '---\ntype: notice\nkind: notice\ntitle: 路径测试通知二\nslug: "%s"\ndate: 2026-11-20\nsummary: 摘要。\n---\n' "$s" |
		refused_record notices slug2.md "content/notices/slug2.md:5:1: error: 网址名 slug：“$s”只能用小写字母"
done

# cover and attachments: relative to static/, never out of it.
refused_record notices cover.md \
    'content/notices/cover.md:7:1: error: 封面图 cover：“../../../../etc/passwd”不能含有“..”' \
    'content/notices/cover.md:10:6: error: 文件 path：“/etc/passwd”不能以“/”开头，应写相对于 static/ 的路径' \
    'content/notices/cover.md:11:6: error: 文件 path：“img/../../site.yaml”不能含有“..”' \
    'content/notices/cover.md:12:6: error: 文件 path：“file:///etc/passwd”不能带网址前缀（如 http:），应写相对于 static/ 的路径' \
    'content/notices/cover.md:13:6: error: 文件 path：“img\..\..\x”请用“/”分隔目录' \
    'content/notices/cover.md:14:6: error: 文件 path：“img/..”不能含有“..”' \
    'content/notices/cover.md:15:6: error: 文件 path：“..”不能含有“..”' <<'EOT'
---
type: notice
kind: notice
title: 路径测试通知三
date: 2026-11-20
summary: 摘要。
cover: ../../../../etc/passwd
cover_alt: 说明
attachments:
  - {path: /etc/passwd, title: 附件}
  - {path: img/../../site.yaml, title: 附件}
  - {path: "file:///etc/passwd", title: 附件}
  - {path: 'img\..\..\x', title: 附件}
  - {path: img/.., title: 附件}
  - {path: .., title: 附件}
---
EOT

# ... nor out of the site through a link inside static/.
ln -s / static/out
ln -s /etc/passwd static/img/passwd.png
refused_record notices link.md \
    'content/notices/link.md:7:1: error: 封面图 cover：static/img/passwd.png 指向站点目录以外，已拒绝' \
    'content/notices/link.md:10:6: error: 附件 attachments：static/out/etc/passwd 指向站点目录以外，已拒绝' <<'EOT'
---
type: notice
kind: notice
title: 路径测试通知四
date: 2026-11-20
summary: 摘要。
cover: img/passwd.png
cover_alt: 说明
attachments:
  - {path: out/etc/passwd, title: 附件}
---
EOT

# flowchart, the same way.
power_item() { # power_item FLOWCHART
	cat <<EOT
---
type: power_item
code: CG-09
name: 路径测试事项
title: CG-09 路径测试事项
date: 2026-03-20
summary: 摘要。
category: procurement
subject: 测试社区居民委员会
basis: [《中华人民共和国城市居民委员会组织法》]
steps:
  - {name: 提出, actor: 社工}
  - {name: 审批, actor: 主任}
supervision: {body: 居务监督委员会}
effective_date: 2026-04-01
flowchart: $1
flowchart_alt: 流程图说明
---
EOT
}
power_item ../../etc/passwd | refused_record power flow.md \
    'content/power/flow.md:16:1: error: 流程图 flowchart：“../../etc/passwd”不能含有“..”'
power_item out/etc/passwd | refused_record power flow.md \
    'content/power/flow.md:16:1: error: 流程图 flowchart：static/out/etc/passwd 指向站点目录以外，已拒绝'
power_item /etc/passwd | refused_record power flow.md \
    'content/power/flow.md:16:1: error: 流程图 flowchart：“/etc/passwd”不能以“/”开头'

# The links in static/ are refused by themselves too: nothing is copied
# through them.
gs build
expect_rc 1
expect_err 'static/out: error: 指向站点目录以外的符号链接，已拒绝'
expect_err 'static/img/passwd.png: error: 指向站点目录以外的符号链接，已拒绝'
unchanged
rm static/out static/img/passwd.png
mkdir -p "$WORK/elsewhere/sub"
echo secret >"$WORK/elsewhere/sub/secret.txt"
ln -s "$WORK/elsewhere/sub" static/sub
gs build
expect_rc 1
expect_err 'static/sub: error: 指向站点目录以外的符号链接，已拒绝'
unchanged
rm static/sub
# Links that loop back: one would copy a directory into itself 32 times,
# two of them 2^32 times (a build that never ends and fills the disk).
mkdir -p static/img/deep
ln -s . static/a
ln -s . static/b
ln -s .. static/img/deep/up
ln -s ../.. static/img/site
gs build
expect_rc 1
expect_err 'static/a: error: 经符号链接又回到了上级目录，形成循环，已拒绝'
expect_err 'static/b: error: 经符号链接又回到了上级目录，形成循环，已拒绝'
expect_err 'static/img/deep/up: error: 经符号链接又回到了上级目录，形成循环，已拒绝'
expect_err 'static/img/site/static: error: 经符号链接又回到了上级目录，形成循环，已拒绝'
unchanged
rm static/a static/b static/img/deep/up static/img/site
# Too deep a tree is an error, not silently left out.
d=static
for i in $(seq 1 33); do d=$d/d; done
mkdir -p "$d"
echo x >"$d/f.txt"
gs build
expect_rc 1
expect_err "$d: error: 目录层级超过 32 层，已拒绝"
unchanged
rm -r static/d
# A link that stays inside the site is fine.
ln -s img static/pictures
gs build
expect_rc 0
expect_file public/pictures/cover.png
before=$(tree_hash public)

# share_image in site.yaml.
cp site.yaml "$WORK/site.yaml"
sed -i 's|^share_image: .*|share_image: ../../../etc/passwd|' site.yaml
line=$(grep -n '^share_image:' site.yaml | cut -d: -f1)
gs build
expect_rc 1
expect_err "site.yaml:$line:1: error: 默认分享图 share_image：“../../../etc/passwd”不能含有“..”"
unchanged
ln -s /etc/passwd static/img/evil.png
sed -i 's|^share_image: .*|share_image: img/evil.png|' site.yaml
gs build
expect_rc 1
expect_err "site.yaml:$line:1: error: 默认分享图 share_image：static/img/evil.png 指向站点目录以外，已拒绝"
unchanged
rm static/img/evil.png
cp "$WORK/site.yaml" site.yaml

# Records: a link to /etc/passwd, a link to a valid record outside the
# site, a linked section directory, a linked content/.
cp content/notices/ok.md "$WORK/outside.md"
sed -i 's/路径测试的正常通知/站点以外的通知/' "$WORK/outside.md"
ln -s /etc/passwd content/notices/passwd.md
ln -s "$WORK/outside.md" content/notices/outside.md
gs build
expect_rc 1
expect_err 'content: error: content/notices/passwd.md 是指向站点目录以外的链接，已拒绝'
expect_err 'content: error: content/notices/outside.md 是指向站点目录以外的链接，已拒绝'
unchanged
gs check
expect_rc 1
expect_err 'content/notices/passwd.md 是指向站点目录以外的链接，已拒绝'
rm content/notices/passwd.md content/notices/outside.md
mkdir -p "$WORK/other-site/consultations"
cp "$WORK/outside.md" "$WORK/other-site/consultations/x.md"
rmdir content/consultations
ln -s "$WORK/other-site/consultations" content/consultations
gs build
expect_rc 1
expect_err 'content: error: content/consultations 指向站点目录以外，已拒绝'
unchanged
rm content/consultations
mkdir content/consultations
mv content "$WORK/content-elsewhere"
ln -s "$WORK/content-elsewhere" content
gs build
expect_rc 1
expect_err 'content: error: content/notices 指向站点目录以外，已拒绝'
unchanged
rm content
mv "$WORK/content-elsewhere" content
# A link that stays inside the site is read.
mkdir drafts-kept
cp content/notices/ok.md drafts-kept/in.md
sed -i 's/路径测试的正常通知/站点内链接的通知/' drafts-kept/in.md
ln -s ../../drafts-kept/in.md content/notices/in.md
gs build
expect_rc 0
expect_grep public/notices/in/index.html '站点内链接的通知'
rm content/notices/in.md
gs build
expect_rc 0
before=$(tree_hash public)

# -o: the site, its parents and its sources, however spelt.
for o in .. ../ "$SITE/public/.." "public/../.." "public/../content" \
    "$SITE/public/../content/notices" "public/../templates/x" "public/../static/../static" \
    "$SITE/./static/./x" /; do
	gs build -o "$o"
	expect_rc 1
	grep -qE '是站点目录本身或其上级|在站点的 (content|templates|static)/ 目录里' "$ERR" ||
		fail "-o $o: no clear refusal"
	unchanged
done

# Files that are not regular files: a FIFO would block a read (or the
# static copy) for ever, waiting for a writer; a directory named like a
# record.  Each is refused at once.
mkfifo content/notices/pipe.md
gs_within 5 build
expect_rc 1
expect_err 'content/notices/pipe.md: error: 不是普通文件（而是目录、管道或设备），已拒绝'
unchanged
rm content/notices/pipe.md
mkdir content/notices/dir.md
gs_within 5 build
expect_rc 1
expect_err 'content/notices/dir.md: error: 不是普通文件（而是目录、管道或设备），已拒绝'
unchanged
rmdir content/notices/dir.md
mkfifo static/pipe.txt
gs_within 5 build
expect_rc 1
expect_err 'static/pipe.txt: error: 不是普通文件（而是管道、设备或套接字），已拒绝'
unchanged
rm static/pipe.txt
mv static/img/share.png "$WORK/share.png"
mkfifo static/img/share.png
gs_within 5 build
expect_rc 1
expect_err 'static/img/share.png: error: 不是普通文件（而是管道、设备或套接字），已拒绝'
unchanged
rm static/img/share.png
mv "$WORK/share.png" static/img/share.png
gs build
expect_rc 0
