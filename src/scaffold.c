/*
 * scaffold: `gongshi new` (see scaffold.h).  The example values are
 * chosen so that every rule of the content model holds: ledger totals add
 * up, votes are consistent, the 公示期 is as long as site.yaml asks, the
 * legal advisers' sessions do not clash, a power item's code is free.
 */
#include "scaffold.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "phone.h"
#include "site.h"
#include "utf8.h"

#define MAX_GRIDS 64
#define SLUG_MAX 40

/* What the examples borrow from site.yaml. */
struct sinfo {
	bool village;
	const char *org_name, *office_phone;
	const char *sup_name, *sup_title, *sup_phone, *sup_location;
	const char *complaint_org, *complaint_phone;
	const char *grid_code[MAX_GRIDS], *grid_name[MAX_GRIDS];
	size_t ngrids;
	const char *gridder_name, *gridder_phone;
	int min_days;
	int64_t today;
	/* wording */
	const char *affairs;   /* 居务 / 村务 */
	const char *people;    /* 居民 / 村民 */
	const char *org_label; /* 居委会 / 村委会 */
	const char *place;     /* 社区 / 村 */
};

static const struct {
	const char *name;
	enum rtype type;
} aliases[] = {
	{"notice", RT_NOTICE}, {"notices", RT_NOTICE}, {"通知", RT_NOTICE},
	{"通知公告", RT_NOTICE}, {"公告", RT_NOTICE},
	{"disclosure", RT_DISCLOSURE}, {"disclosures", RT_DISCLOSURE},
	{"公开", RT_DISCLOSURE}, {"居务公开", RT_DISCLOSURE},
	{"村务公开", RT_DISCLOSURE}, {"财务公开", RT_DISCLOSURE},
	{"党务公开", RT_DISCLOSURE},
	{"power_item", RT_POWER_ITEM}, {"power", RT_POWER_ITEM},
	{"小微权力", RT_POWER_ITEM}, {"小微权力清单", RT_POWER_ITEM},
	{"权力清单", RT_POWER_ITEM}, {"办事指南", RT_POWER_ITEM},
	{"consultation", RT_CONSULTATION}, {"consultations", RT_CONSULTATION},
	{"议事", RT_CONSULTATION}, {"议事协商", RT_CONSULTATION},
	{"协商", RT_CONSULTATION},
	{"legal_schedule", RT_LEGAL_SCHEDULE},
	{"legal-advisors", RT_LEGAL_SCHEDULE}, {"法律顾问", RT_LEGAL_SCHEDULE},
	{"坐班", RT_LEGAL_SCHEDULE}, {"法律顾问坐班", RT_LEGAL_SCHEDULE},
};

/* The English word a slug falls back on. */
static const char *const slug_words[RT_COUNT] = {"notice", "disclosure",
    "power", "consultation", "legal"};

/* ---- output helpers ---- */

static void
line(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
line(struct buf *b, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	buf_puts(b, tmp);
	buf_putc(b, '\n');
}

/* A YAML double-quoted string. */
static void
quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static const char *
iso(int64_t days, char *out)
{
	return date_fmt_iso(days, out);
}

/* The first day of the month `n` months after the month of `days`. */
static int64_t
month_start(int64_t days, int n)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	m += n;
	while (m > 12) {
		m -= 12;
		y++;
	}
	while (m < 1) {
		m += 12;
		y--;
	}
	return days_from_civil(y, m, 1);
}

/* ---- site.yaml ---- */

static const char *
ystr(const struct ynode *m, const char *key)
{
	const struct ynode *v = m ? ynode_get(m, key, NULL) : NULL;

	return v != NULL && v->kind == Y_SCALAR && !ynode_is_null(v) ?
	    v->s : NULL;
}

static const char *
phone_or(const char *p, const char *dflt)
{
	return p != NULL && phone_kind(p) != PHONE_INVALID ? p : dflt;
}

static const char *
or_default(const char *s, const char *dflt)
{
	return s != NULL && *s ? s : dflt;
}

/* `s` as a YAML scalar that reads back as itself inside block and flow
 * collections: plain when it holds no YAML punctuation, else quoted. */
static const char *
yaml_safe(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	const char *r;

	if (s == NULL)
		return NULL;
	if (s[0] != '\0' && strpbrk(s, ":#,[]{}\"'&*!|>%@`\\") == NULL &&
	    s[0] != '-' && s[0] != '?' && s[0] != ' ' &&
	    s[strlen(s) - 1] != ' ')
		return s;
	quoted(&b, s);
	r = buf_ok(&b) ? arena_strdup(a, b.data) : NULL;
	buf_free(&b);
	return r != NULL ? r : "\"\"";
}

/* Read what the examples need.  0, 1 (not a site: reported) or 3. */
static int
read_site(const char *site_dir, struct arena *a, struct sinfo *si, FILE *err)
{
	struct diags dg;
	const struct ynode *root, *sup, *cmp, *grids, *g, *gr;
	char *path, *text = NULL;
	const char *mpd;
	size_t len, i;
	int rc, e;

	memset(si, 0, sizeof(*si));
	path = path_join(site_dir, "site.yaml");
	if (path == NULL)
		return 3;
	e = read_file(path, 1u << 20, &text, &len);
	if (e != 0) {
		fprintf(err,
		    "gongshi: 读不到 %s（%s）：“%s”不是 gongshi 站点目录，请用 -C 指定站点目录\n",
		    path, strerror(e), site_dir);
		free(path);
		return 1;
	}
	free(path);
	diags_init(&dg);
	root = fm_parse(a, text, len, 1, "site.yaml", &dg);
	if (root == NULL) {
		diags_print(&dg, err);
		fprintf(err, "gongshi: site.yaml 有错误，请先改正\n");
		rc = 1;
		goto out;
	}
	si->village = ystr(root, "org_type") != NULL &&
	    strcmp(ystr(root, "org_type"), "village") == 0;
	si->org_name = or_default(ystr(root, "org_name"),
	    si->village ? "村民委员会" : "社区居民委员会");
	si->office_phone = phone_or(ystr(root, "office_phone"), "12345");
	sup = ynode_get(root, "supervisor", NULL);
	si->sup_name = or_default(ystr(sup, "name"), "刘淑琴");
	si->sup_title = or_default(ystr(sup, "title"),
	    si->village ? "村务监督委员会主任" : "居务监督委员会主任");
	si->sup_phone = phone_or(ystr(sup, "phone"), si->office_phone);
	si->sup_location = ystr(sup, "location");
	cmp = ynode_get(root, "complaint", NULL);
	si->complaint_org = or_default(ystr(cmp, "org"), ystr(root, "parent_org"));
	si->complaint_org = or_default(si->complaint_org, "街道办事处");
	si->complaint_phone = phone_or(ystr(cmp, "phone"), "12345");
	grids = ynode_get(root, "grids", NULL);
	for (i = 0; grids && grids->kind == Y_SEQ && i < grids->n &&
	    si->ngrids < MAX_GRIDS; i++) {
		g = grids->kv[i];
		if (g->kind != Y_MAP || ystr(g, "code") == NULL)
			continue;
		si->grid_code[si->ngrids] = ystr(g, "code");
		si->grid_name[si->ngrids] = or_default(ystr(g, "name"), "");
		if (si->ngrids == 0) {
			gr = ynode_get(g, "gridder", NULL);
			si->gridder_name = ystr(gr, "name");
			si->gridder_phone = ystr(gr, "phone");
			if (si->gridder_phone != NULL &&
			    phone_kind(si->gridder_phone) == PHONE_INVALID)
				si->gridder_phone = NULL;
		}
		si->ngrids++;
	}
	if (si->gridder_name == NULL || si->gridder_phone == NULL) {
		si->gridder_name = si->sup_name;
		si->gridder_phone = si->office_phone;
	}
	mpd = ystr(root, "min_publicity_days");
	si->min_days = mpd ? atoi(mpd) : 7;
	if (si->min_days < 1 || si->min_days > 90)
		si->min_days = 7;
	/* Everything from site.yaml goes into YAML again. */
	si->org_name = yaml_safe(a, si->org_name);
	si->sup_name = yaml_safe(a, si->sup_name);
	si->sup_title = yaml_safe(a, si->sup_title);
	si->sup_location = yaml_safe(a, si->sup_location);
	si->complaint_org = yaml_safe(a, si->complaint_org);
	si->gridder_name = yaml_safe(a, si->gridder_name);
	for (i = 0; i < si->ngrids; i++)
		si->grid_code[i] = yaml_safe(a, si->grid_code[i]);
	si->affairs = si->village ? "村务" : "居务";
	si->people = si->village ? "村民" : "居民";
	si->org_label = si->village ? "村委会" : "居委会";
	si->place = si->village ? "村" : "社区";
	rc = 0;
out:
	diags_free(&dg);
	free(text);
	return rc;
}

/* ---- the file ---- */

static void
header(struct buf *b, const char *what)
{
	line(b, "---");
	line(b, "# 新建的%s。按每项上方的说明填写：“#”开头的行是说明，不会发布；", what);
	line(b, "# 用不到的可选项保持“#”开头即可，要用时删掉行首的“# ”。");
	line(b, "# 冒号后面要留一个空格；含英文逗号、冒号的文字请加英文双引号。");
	line(b, "# 填好后运行 gongshi check 检查，有错会指出第几行。");
	buf_putc(b, '\n');
}

static void
common(struct buf *b, const struct sinfo *si, enum rtype t,
    const char *title, const char *summary)
{
	char d[64], d2[64];
	size_t i;

	line(b, "# 类型：不要改");
	line(b, "type: %s", section_defs[t].type_key);
	line(b, "# 标题：4—40 个字；超过 28 个字，微信分享卡片上会显示不全");
	buf_puts(b, "title: ");
	quoted(b, title);
	buf_putc(b, '\n');
	line(b, "# 发布日期：年-月-日");
	line(b, "date: %s", iso(si->today, d));
	line(b, "# 摘要：一句话说清楚，80 个字以内，显示在列表和微信分享卡片上");
	line(b, "summary: %s", summary);
	line(b, "# 草稿：写着 draft: true 时不会发布。内容核对无误后，删掉这一行");
	line(b, "draft: true");
	line(b, "# 置顶：重要的通知写 true，在首页排在最前面");
	line(b, "# pinned: true");
	line(b, "# 涉及网格：只涉及部分网格时填写，不填表示全%s", si->place);
	if (si->ngrids > 0) {
		buf_puts(b, "#   本站的网格：");
		for (i = 0; i < si->ngrids; i++)
			buf_printf(b, "%s%s %s", i ? "、" : "", si->grid_code[i],
			    si->grid_name[i]);
		buf_putc(b, '\n');
		line(b, "# grids: [%s]", si->grid_code[0]);
	} else {
		line(b, "#   （site.yaml 里还没有设置网格）");
		line(b, "# grids: [QF-01]");
	}
	line(b, "# 标签：每个 1—20 个字，相同标签的内容会汇集在一个页面");
	line(b, "# tags: [%s, 便民服务]",
	    t == RT_NOTICE ? "停水停电" : t == RT_DISCLOSURE ? "财务公开" :
	    t == RT_POWER_ITEM ? "办事指南" : t == RT_CONSULTATION ?
	    "议事协商" : "法律顾问");
	line(b, "# 更新日期：发布后又修改了内容时填写，页面显示“更新于”，不能早于发布日期");
	line(b, "# updated: %s", iso(si->today + 1, d));
	line(b, "# 下架日期：过了这一天从首页撤下（栏目里仍可查到）；不能早于发布日期");
	line(b, "# expires: %s", iso(si->today + 30, d));
	line(b, "# 网址名：小写英文字母、数字和“-”；不填就用文件名");
	line(b, "# slug: %s-example", slug_words[t]);
	line(b, "# 封面图：放在 static/ 目录下的图片，至少 300×300 像素；填了封面图，必须写封面图说明");
	line(b, "# cover: img/cover.jpg");
	line(b, "# cover_alt: 图片内容的文字说明");
	line(b, "# 附件：放在 static/ 目录下的文件，可以有多个");
	line(b, "# attachments:");
	line(b, "#   - {path: files/%s-附件.pdf, title: 附件名称}",
	    iso(si->today, d));
	line(b, "# 更正/替代：更正以前发布的内容时，填原记录的网址名（一般是文件名去掉 .md），原记录会保留并标明已更正");
	line(b, "# supersedes: %s-%s", iso(si->today - 3, d2), slug_words[t]);
}

static void
publicity(struct buf *b, const struct sinfo *si, const char *what,
    bool active)
{
	char d1[64], d2[64];

	line(b, "# %s：开始日期不填就是发布日期，结束日期必填；公示期不少于 %d 天（site.yaml 的 min_publicity_days）",
	    what, si->min_days);
	line(b, "%spublicity: {start: %s, end: %s}", active ? "" : "# ",
	    iso(si->today, d1), iso(si->today + si->min_days - 1, d2));
}

static void
body_sign(struct buf *b, const struct sinfo *si)
{
	char d[64];

	line(b, "%s", si->org_name);
	line(b, "%s", date_fmt_zh(si->today, d));
}

static void
notice(struct buf *b, const struct sinfo *si, const char *title)
{
	char d[64];
	int64_t ev = si->today + 3;

	header(b, "通知公告");
	common(b, si, RT_NOTICE, title, "一句话写清什么事、什么时间、影响哪些人、需要大家做什么。");
	buf_putc(b, '\n');
	line(b, "# 类别：notice 通知、announcement 公告、publicity 公示、reminder 温馨提示、activity 活动、recruitment 招募");
	line(b, "kind: notice");
	line(b, "# 事件时间地点：停水停电、活动、体检等有具体时间的填写，没有就整段加“#”");
	line(b, "#   时间写成 年-月-日T时:分（24 小时制），结束时间不能早于开始时间");
	line(b, "event:");
	line(b, "  start: %sT09:00", iso(ev, d));
	line(b, "  end: %sT11:00", iso(ev, d));
	line(b, "  location: %s党群服务中心一楼", si->place);
	line(b, "# 对象：哪些人需要知道");
	line(b, "audience: 全体%s", si->people);
	line(b, "# 联系人：姓名和电话（手机写 11 位数字，座机写成 0571-86000100）");
	line(b, "contact: {name: %s, phone: \"%s\"}", si->gridder_name,
	    si->gridder_phone);
	publicity(b, si, "公示期（类别是 publicity 公示时必填）", false);
	line(b, "---");
	line(b, "各位%s：", si->people);
	buf_putc(b, '\n');
	line(b, "（这里写正文：什么事，什么时间，在哪里，需要大家做什么。重要的内容可以用 **两个星号** 括起来加粗。）");
	buf_putc(b, '\n');
	line(b, "- 注意事项一；");
	line(b, "- 注意事项二。");
	buf_putc(b, '\n');
	line(b, "如有疑问，请打电话到%s办公室（%s）。", si->org_label,
	    si->office_phone);
	buf_putc(b, '\n');
	body_sign(b, si);
}

static void
disclosure(struct buf *b, const struct sinfo *si, const char *title)
{
	char d[64], d1[64], d2[64], sum[256];
	int64_t p0 = month_start(si->today, -1), end = si->today +
	    si->min_days - 1;
	int y, m, dd;

	civil_from_days(p0, &y, &m, &dd);
	snprintf(sum, sizeof(sum),
	    "%d月收入10,231.45元，支出4,886.50元，月末结余55,344.95元，公示至%s。",
	    m, date_fmt_md_zh(end, d));
	header(b, si->village ? "村务/财务公开" : "居务/财务公开");
	common(b, si, RT_DISCLOSURE, title, sum);
	buf_putc(b, '\n');
	line(b, "# 公开类别：party 党务、affairs %s、finance 财务", si->affairs);
	line(b, "category: finance");
	line(b, "# 事项：decision 重大事项决策、project 工程项目、assets 三资管理、welfare 惠民政策与补贴救助、");
	line(b, "#   land 土地与宅基地、organization 组织与人员、rules 制度与%s、election 选举、routine 日常事务、other 其他",
	    si->village ? "村规民约" : "居民公约");
	line(b, "topic: routine");
	line(b, "# 公开频次：monthly 每月、quarterly 每季度、annual 每年、immediate 随时、once 一次性");
	line(b, "frequency: monthly");
	line(b, "# 所属期：每月写 2026-10，每季度写 2026-Q3，每半年写 2026-H2，每年写 2026；财务公开必填");
	line(b, "period: %04d-%02d", y, m);
	line(b, "# 公开依据：法律法规和上级文件，每行一条");
	line(b, "legal_basis:");
	line(b, "  - 《中华人民共和国%s》",
	    si->village ? "村民委员会组织法" : "城市居民委员会组织法");
	line(b, "  - %s财务公开制度", si->place);
	line(b, "# 审核：财务公开必填。审核机构：supervisory_committee %s监督委员会、finance_group 民主理财小组、joint_meeting 两委联席会议",
	    si->affairs);
	line(b, "#   审核日期不能晚于发布日期");
	line(b, "review:");
	line(b, "  body: supervisory_committee");
	line(b, "  date: %s", iso(si->today, d));
	line(b, "  opinion: 经逐笔核对原始凭证，收支真实、手续齐全，同意公开。");
	line(b, "  members: [%s]", si->sup_name);
	line(b, "# 签字：职务和姓名");
	line(b, "signatories:");
	line(b, "  - {role: %s主任, name: 王秀兰}", si->org_label);
	line(b, "  - {role: %s, name: %s}", si->sup_title, si->sup_name);
	publicity(b, si, "公示期（财务、重大决策、惠民补贴必填）", true);
	line(b, "# 异议渠道：不填就用 site.yaml 里的监督委员会；截止日期不填就是公示期最后一天");
	line(b, "objection:");
	line(b, "  contact: %s", si->sup_name);
	line(b, "  phone: \"%s\"", si->sup_phone);
	if (si->sup_location != NULL)
		line(b, "  location: %s", si->sup_location);
	else
		line(b, "  # location: 党群服务中心一楼");
	line(b, "  # deadline: %s", iso(end, d));
	line(b, "# 决策程序：事项是 decision（重大事项决策）时必填，工程项目建议填写。");
	line(b, "#   procedure：four_two 四议两公开、villagers_meeting 村民会议、representatives_meeting %s代表会议、residents_meeting 居民会议",
	    si->people);
	line(b, "#   threshold：majority_of_present 超过到会人数一半、two_thirds_of_present 到会人数三分之二、majority_of_eligible 超过应到人数一半");
	line(b, "# decision:");
	line(b, "#   procedure: representatives_meeting");
	line(b, "#   date: %s", iso(si->today - 3, d));
	line(b, "#   eligible: 45");
	line(b, "#   present: 38");
	line(b, "#   for: 33");
	line(b, "#   against: 2");
	line(b, "#   abstain: 3");
	line(b, "#   threshold: majority_of_present");
	line(b, "# 收支明细：财务公开必填。金额以元为单位、两位小数、加英文双引号，不加逗号；");
	line(b, "#   收入合计、支出合计必须等于明细之和，本期结余 = 上期结余 + 收入合计 − 支出合计");
	line(b, "#   每条明细：item 收支项目、subject 科目、amount 金额、date 日期、voucher 凭证号、counterparty 收付款单位、note 备注");
	line(b, "#   没有收入（或支出）时写 income: []");
	line(b, "ledger:");
	line(b, "  opening_balance: \"50000.00\"");
	line(b, "  income:");
	line(b, "    - {item: 上级拨付办公经费, subject: 补助收入, amount: \"10000.00\", date: %s, voucher: 记-%02d-01, counterparty: %s}",
	    iso(p0 + 4, d1), m, si->complaint_org);
	line(b, "    - {item: 银行存款利息, subject: 其他收入, amount: \"231.45\", date: %s, voucher: 记-%02d-03}",
	    iso(p0 + 19, d2), m);
	line(b, "  expense:");
	line(b, "    - {item: 办公用品及打印耗材, subject: 管理费用, amount: \"1286.50\", date: %s, voucher: 记-%02d-02}",
	    iso(p0 + 7, d1), m);
	line(b, "    - {item: 楼道灯维修更换, subject: 公益支出, amount: \"3600.00\", date: %s, voucher: 记-%02d-04, note: 服务群众经费列支}",
	    iso(p0 + 21, d2), m);
	line(b, "  total_income: \"10231.45\"");
	line(b, "  total_expense: \"4886.50\"");
	line(b, "  closing_balance: \"55344.95\"");
	line(b, "# 名单/明细表：补贴名单等；每行的格数要和列数相同。名单只写到组或楼栋，不写门牌号、身份证号、银行卡号");
	line(b, "# table:");
	line(b, "#   caption: 名单标题");
	line(b, "#   columns: [序号, 姓名, 所在网格及楼栋, 金额（元）]");
	line(b, "#   rows:");
	line(b, "#     - [\"1\", 张三, 1号楼, \"100.00\"]");
	line(b, "---");
	line(b, "本表由报账员编制，经%s监督委员会逐笔审核。原始凭证存放于%s财务室，%s可在工作日申请查阅。",
	    si->affairs, si->org_label, si->people);
	buf_putc(b, '\n');
	line(b, "**对公开内容有疑问的**，请在%s前联系%s%s，也可向%s反映。",
	    date_fmt_md_zh(end, d), si->sup_title, si->sup_name,
	    si->complaint_org);
	buf_putc(b, '\n');
	body_sign(b, si);
}

/* A code not used by any power item yet: BM-01, BM-02 ... */
static void
free_code(const char *site_dir, char *out, size_t n)
{
	char *dir = path_join(site_dir, "content/power"), *f, *text, *p;
	char used[1000] = {0};
	struct dirent *e;
	size_t len;
	int k;
	DIR *d = dir ? opendir(dir) : NULL;

	while (d != NULL && (e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0 ||
		    (f = path_join(dir, e->d_name)) == NULL)
			continue;
		if (read_file(f, 4u << 20, &text, &len) == 0) {
			for (p = text; p != NULL; p = strchr(p, '\n')) {
				if (*p == '\n')
					p++;
				if (strncmp(p, "code:", 5) != 0)
					continue;
				p += 5;
				p += strspn(p, " \t\"'");
				if (strncmp(p, "BM-", 3) == 0 &&
				    (k = atoi(p + 3)) > 0 && k < 1000)
					used[k] = 1;
			}
			free(text);
		}
		free(f);
	}
	if (d != NULL)
		closedir(d);
	free(dir);
	for (k = 1; k < 999 && used[k]; k++)
		;
	snprintf(out, n, "BM-%02d", k);
}

static void
power_item(struct buf *b, const struct sinfo *si, const char *title,
    const char *site_dir)
{
	char d[64], code[16];

	free_code(site_dir, code, sizeof(code));
	header(b, "小微权力清单事项");
	common(b, si, RT_POWER_ITEM, title,
	    "谁来办、要什么材料、几天办结、找谁监督，一句话说清楚。");
	buf_putc(b, '\n');
	line(b, "# 编号：1—4 个大写字母、“-”、2—3 位数字，全站不能重复（%s 尚未使用）", code);
	line(b, "code: %s", code);
	line(b, "# 事项名称");
	buf_puts(b, "name: ");
	quoted(b, title);
	buf_putc(b, '\n');
	line(b, "# 类别：decision 重大决策、bidding 工程项目与招投标、assets 资产资源处置、finance 财务收支、");
	line(b, "#   procurement 物资服务采购、personnel 人事用工、convenience 便民服务、daily 日常事务");
	line(b, "category: convenience");
	line(b, "# 实施主体");
	line(b, "subject: %s", si->org_name);
	line(b, "# 适用情形：什么情况下办理、金额标准等");
	line(b, "applies_to: 辖区%s办理本事项", si->people);
	line(b, "# 法律政策依据：至少一条");
	line(b, "basis:");
	line(b, "  - 《中华人民共和国%s》",
	    si->village ? "村民委员会组织法" : "城市居民委员会组织法");
	line(b, "  - 上级有关规定（请写文件全称）");
	line(b, "# 操作流程：至少两步，按先后顺序写。name 环节、actor 责任主体、detail 具体要求、time_limit 时限");
	line(b, "steps:");
	line(b, "  - {name: 申请, actor: %s本人, detail: 到党群服务中心服务窗口提出申请并提交材料, time_limit: 当场}",
	    si->people);
	line(b, "  - {name: 受理审核, actor: 值班社工, detail: 核对材料，材料不全的一次性告知, time_limit: 1个工作日}");
	line(b, "  - {name: 办结, actor: %s, detail: 审核同意后办结；不予办理的书面说明理由, time_limit: 3个工作日}",
	    si->org_label);
	line(b, "# 办理时限：写明天数，如 5个工作日");
	line(b, "time_limit: 5个工作日");
	line(b, "# 所需材料：类别是 convenience（便民服务）时必填");
	line(b, "materials:");
	line(b, "  - 申请人有效身份证件原件");
	line(b, "  - 其他相关证明材料");
	line(b, "# 公开要求：办理结果公开什么、什么时候公开");
	line(b, "outputs:");
	line(b, "  - 办理流程和所需材料在服务窗口和本站长期公开");
	line(b, "# 廉政风险点：point 风险点、level 等级（high 高、medium 中、low 低）、control 防控措施");
	line(b, "risks:");
	line(b, "  - {point: 推诿拖延、让群众多跑腿, level: low, control: 一次性告知所需材料；超时未办结的纳入民主评议}");
	line(b, "# 监督方式：监督机构和电话、上级举报受理单位和电话（页面总会同时显示 12388）");
	line(b, "supervision:");
	line(b, "  body: %s%s监督委员会", si->org_name, si->affairs);
	line(b, "  phone: \"%s\"", si->sup_phone);
	line(b, "  report_org: %s", si->complaint_org);
	line(b, "  report_phone: \"%s\"", si->complaint_phone);
	line(b, "# 流程图：放在 static/ 目录下的图片；填了流程图，必须写流程图说明（操作流程仍要写）");
	line(b, "# flowchart: img/%s-flow.png", code);
	line(b, "# flowchart_alt: 流程图的文字说明");
	line(b, "# 施行日期");
	line(b, "effective_date: %s", iso(si->today, d));
	line(b, "# 通过会议：会议名称和日期");
	line(b, "# approved_by: {meeting: %s代表会议, date: %s}", si->people,
	    iso(si->today - 2, d));
	line(b, "---");
	line(b, "**说明**：本事项的办理流程和时限以上级现行规定为准，如有调整，以最新公布的清单为准。");
	line(b, "%s发现未按本流程办理的，可向%s监督委员会反映。", si->people,
	    si->affairs);
}

static void
consultation(struct buf *b, const struct sinfo *si, const char *title)
{
	char d[64];
	int64_t meet = si->today - 3;

	header(b, "议事协商记录");
	common(b, si, RT_CONSULTATION, title,
	    "经议事会表决通过：（写协商结果和落实时间）。");
	buf_putc(b, '\n');
	line(b, "# 议题来源：resident %s提议、joint_petition 联名提议、grid 网格收集、party_org 党组织提出、",
	    si->people);
	line(b, "#   committee %s提出、higher_level 上级交办、other 其他", si->org_label);
	line(b, "topic_source: resident");
	line(b, "# 提出日期：不能晚于会议日期");
	line(b, "proposed_date: %s", iso(si->today - 21, d));
	line(b, "# 提前通报日期：会前通报议题的日期，应早于会议当天");
	line(b, "notice_date: %s", iso(si->today - 10, d));
	line(b, "# 会议：start 开始时间、end 结束时间（年-月-日T时:分）、location 地点、host 主持人、recorder 记录人；");
	line(b, "#   form 会议形式：council 议事会、hearing 听证会、forum 恳谈会、courtyard %s、online 线上协商、",
	    si->village ? "院落会" : "楼道会");
	line(b, "#   assembly %s会议、representatives %s代表会议", si->people,
	    si->people);
	line(b, "meeting:");
	line(b, "  start: %sT19:00", iso(meet, d));
	line(b, "  end: %sT20:30", iso(meet, d));
	line(b, "  location: %s党群服务中心二楼议事厅", si->place);
	line(b, "  form: council");
	line(b, "  host: 王秀兰（%s主任）", si->org_label);
	line(b, "  recorder: 孙文静");
	line(b, "# 参与人员：category 类别、count 人数、voting 有没有表决权（true/false）；姓名 names 须经本人同意才写。");
	line(b, "#   类别：party_committee 党组织和两委成员、representative %s代表、stakeholder 利益相关方、resident %s、",
	    si->people, si->people);
	line(b, "#   owners_committee 业委会、property_company 物业、unit 驻区单位、social_org 社会组织、deputy 人大代表政协委员、");
	line(b, "#   expert 专业人士、legal_adviser 法律顾问、gov_staff 街道乡镇工作人员、gridder 网格员、other 其他");
	line(b, "#   有表决权的人数加起来应等于表决的实到人数");
	line(b, "participants:");
	line(b, "  - {category: representative, count: 9, voting: true}");
	line(b, "  - {category: stakeholder, count: 6, voting: true}");
	line(b, "  - {category: party_committee, count: 3, voting: false}");
	line(b, "  - {category: gridder, count: 1, voting: false, names: [孙文静]}");
	line(b, "# 表决：method 方式（hands 举手、ballot 无记名投票、sign 签字）、eligible 应到、present 实到、");
	line(b, "#   for 同意、against 反对、abstain 弃权（三项之和不能超过实到）、");
	line(b, "#   threshold 通过标准（majority_of_present 超过实到一半、two_thirds_of_present 实到三分之二、majority_of_eligible 超过应到一半）");
	line(b, "vote:");
	line(b, "  method: hands");
	line(b, "  eligible: 16");
	line(b, "  present: 15");
	line(b, "  for: 12");
	line(b, "  against: 1");
	line(b, "  abstain: 2");
	line(b, "  threshold: majority_of_present");
	line(b, "# 协商结果：agreed 达成一致、majority 多数同意、not_agreed 未达成一致、deferred 暂缓再议");
	line(b, "result: majority");
	line(b, "# 形成决议：结果是 agreed 或 majority 时必填；可以写多行（第一行写“|”，下面每行缩进两格）");
	line(b, "resolution: |");
	line(b, "  一、（决议的第一项内容）；");
	line(b, "  二、（决议的第二项内容）。");
	line(b, "# 落实安排：owner 责任单位、due 完成时限、status 落实状态（planned 待实施、in_progress 实施中、done 已完成、suspended 暂停）");
	line(b, "implementation: {owner: %s, due: %s, status: planned}",
	    si->org_name, iso(si->today + 60, d));
	line(b, "# 落实反馈：按日期先后写，日期不能早于会议日期");
	line(b, "# feedback:");
	line(b, "#   - {date: %s, text: 已完成现场勘查。}", iso(si->today + 7, d));
	publicity(b, si, "结果公示", true);
	line(b, "---");
	line(b, "## 议题背景");
	buf_putc(b, '\n');
	line(b, "（谁提出的，反映了什么问题，涉及哪些%s。）", si->people);
	buf_putc(b, '\n');
	line(b, "## 协商过程");
	buf_putc(b, '\n');
	line(b, "1. 会前通报议题和备选方案；");
	line(b, "2. 会上各方发表意见；");
	line(b, "3. 举手表决。");
	buf_putc(b, '\n');
	line(b, "## 协商结果");
	buf_putc(b, '\n');
	line(b, "举手表决：应到16人，实到15人，同意12人，反对1人，弃权2人，超过实到人数半数，通过。");
	buf_putc(b, '\n');
	line(b, "## 落实与反馈");
	buf_putc(b, '\n');
	line(b, "由%s负责实施，进展将在本页持续更新。", si->org_name);
}

static void
legal_schedule(struct buf *b, const struct sinfo *si, const char *title)
{
	char d[64], d2[64];
	int64_t from = month_start(si->today, 1), to = month_start(si->today,
	    4) - 1, lecture, duty2;

	/* A lecture in the second month, on the 15th: afternoons never clash
	 * with the morning duty. */
	lecture = month_start(si->today, 2) + 14;
	/* The first month's second Wednesday, for the exception example. */
	duty2 = from + (3 - weekday_of(from) + 7) % 7 + 7;
	header(b, "法律顾问坐班安排");
	common(b, si, RT_LEGAL_SCHEDULE, title,
	    "法律顾问每月第2、4个星期三上午在党群服务中心坐班，免费解答法律问题。");
	buf_putc(b, '\n');
	line(b, "# 有效期：开始和结束日期，一般按季度或年度安排，不超过一年");
	line(b, "valid_from: %s", iso(from, d));
	line(b, "valid_to: %s", iso(to, d));
	line(b, "# 服务模式：如 4+X、一村（社区）一法律顾问");
	line(b, "service_model: 一%s一法律顾问", si->village ? "村" : "社区");
	line(b, "# 服务内容：opinion 自治事务法律意见、consultation 法律咨询、publicity 法治宣传、mediation 矛盾纠纷调解、");
	line(b, "#   legal_aid 法律援助引导、contract_review 合同审查、rules_review %s审查、other 其他",
	    si->village ? "村规民约" : "居民公约");
	line(b, "services: [opinion, consultation, publicity, mediation, legal_aid]");
	line(b, "# 人员：id 代号（小写字母、数字和“-”，下面的安排用它指人）、name 姓名、");
	line(b, "#   role 身份（lawyer 律师、legal_worker 基层法律服务工作者、judge 法官、prosecutor 检察官、police 警官、notary 公证员、other 其他）、");
	line(b, "#   org 所在单位、license_no 执业证号（可选）、phone 电话、grids 联系网格（可选）");
	line(b, "advisers:");
	line(b, "  - id: lawyer-1");
	line(b, "    name: 陈立明");
	line(b, "    role: lawyer");
	line(b, "    org: （律师事务所全称）");
	line(b, "    # license_no: \"13301201510000000\"");
	line(b, "    phone: \"%s\"", si->office_phone);
	if (si->ngrids > 0)
		line(b, "    # grids: [%s]", si->grid_code[0]);
	else
		line(b, "    # grids: [QF-01]");
	line(b, "# 固定坐班：freq 频次（weekly 每周、monthly 每月）、weekday 星期几（1 是星期一……7 是星期日）、");
	line(b, "#   nth 每月第几个（只用于 monthly，-1 表示最后一个）、start/end 时间（加英文双引号）、location 地点、");
	line(b, "#   kind 类别（duty 坐班、lecture 讲座、mediation 调解、visit 走访）");
	line(b, "recurring:");
	line(b, "  - {adviser: lawyer-1, freq: monthly, weekday: 3, nth: [2, 4], start: \"09:00\", end: \"11:30\", location: %s党群服务中心一楼法律服务室, kind: duty}",
	    si->place);
	line(b, "# 单次安排：讲座、走访等不固定的安排，title 主题可选");
	line(b, "sessions:");
	line(b, "  - {adviser: lawyer-1, date: %s, start: \"14:30\", end: \"15:30\", location: %s老年活动室, kind: lecture, title: 识破养老诈骗的常见套路}",
	    iso(lecture, d), si->place);
	line(b, "# 调整：节假日取消（cancel）或改期（move）；date 必须是上面安排里原有的日期，改期写 to_date，也可以改 to_start、to_end");
	line(b, "# exceptions:");
	line(b, "#   - {date: %s, adviser: lawyer-1, action: move, to_date: %s, to_start: \"09:30\", to_end: \"12:00\", reason: 节假日顺延}",
	    iso(duty2, d), iso(duty2 + 1, d2));
	line(b, "---");
	line(b, "**服务内容**：为%s自治事务提供法律意见，解答%s法律咨询，开展法治宣传，参与调解矛盾纠纷；",
	    si->org_label, si->people);
	line(b, "符合条件的，引导申请法律援助。");
	buf_putc(b, '\n');
	line(b, "**不在坐班时间**，可拨打 12348 公共法律服务热线，或联系网格员预约法律顾问上门服务。");
	buf_putc(b, '\n');
	line(b, "> 法律顾问不收取任何费用。如有人以法律顾问名义收费，请向%s反映。",
	    si->complaint_org);
}

/* ---- names ---- */

static bool
is_alnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* The ASCII words of the title, lowercased and joined by "-"; else (no
 * letter in them) the type's word, followed by the digits. */
static void
make_slug(const char *title, enum rtype t, char *out, size_t n)
{
	char words[128];
	size_t j = 0;
	bool letter = false, gap = false;
	const char *p;

	for (p = title; *p && j + 2 < sizeof(words); p++) {
		if (!is_alnum_ascii(*p)) {
			gap = j > 0;
			continue;
		}
		if (gap)
			words[j++] = '-';
		gap = false;
		words[j++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		letter = letter || !(*p >= '0' && *p <= '9');
	}
	words[j] = '\0';
	if (letter)
		snprintf(out, n, "%s", words);
	else
		snprintf(out, n, "%s%s%s", slug_words[t], j ? "-" : "", words);
	if (strlen(out) > SLUG_MAX) {
		/* Cut at a word boundary. */
		bool mid = out[SLUG_MAX] != '-';
		char *dash;

		out[SLUG_MAX] = '\0';
		if (mid && (dash = strrchr(out, '-')) != NULL && dash != out)
			*dash = '\0';
	}
	j = strlen(out);
	while (j > 0 && out[j - 1] == '-')
		out[--j] = '\0';
	if (j == 0)
		snprintf(out, n, "%s", slug_words[t]);
}

static int
resolve_type(const char *name, enum rtype *t)
{
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].name, name) == 0) {
			*t = aliases[i].type;
			return 0;
		}
	return -1;
}

/* Write `data` to a new file content/<dir>/<base>[-N].md; never replaces
 * a file.  0 with *path set (caller frees), or an errno. */
static int
create_new(const char *dir, const char *base, const char *data, size_t len,
    char **path)
{
	char name[256];
	size_t off = 0;
	ssize_t w;
	int fd = -1, k, e;

	*path = NULL;
	for (k = 1; k < 1000; k++) {
		if (k == 1)
			snprintf(name, sizeof(name), "%s.md", base);
		else
			snprintf(name, sizeof(name), "%s-%d.md", base, k);
		free(*path);
		if ((*path = path_join(dir, name)) == NULL)
			return ENOMEM;
		fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0)
			break;
		if (errno != EEXIST) {
			e = errno;
			free(*path);
			*path = NULL;
			return e;
		}
	}
	if (fd < 0) {
		free(*path);
		*path = NULL;
		return EEXIST;
	}
	while (off < len) {
		w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = w < 0 ? errno : EIO;
			close(fd);
			unlink(*path);
			free(*path);
			*path = NULL;
			return e;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(*path);
		free(*path);
		*path = NULL;
		return e;
	}
	return 0;
}

int
scaffold_new(const char *site_dir, const char *type, const char *title,
    FILE *out, FILE *err)
{
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT;
	struct sinfo si;
	enum rtype t;
	char slug[SLUG_MAX + 8], base[128], d[64], *dir = NULL, *rel = NULL,
	    *path = NULL;
	const char *p;
	int64_t now;
	size_t chars;
	int rc, e;

	if (resolve_type(type, &t) != 0) {
		fprintf(err,
		    "gongshi: 没有“%s”这种类型。可以新建：\n"
		    "  notice          通知公告（也可以写“通知”）\n"
		    "  disclosure      村务、居务、财务公开（“公开”）\n"
		    "  power_item      小微权力清单事项（“小微权力”）\n"
		    "  consultation    议事协商记录（“议事协商”）\n"
		    "  legal_schedule  法律顾问坐班安排（“法律顾问”）\n"
		    "例如：gongshi new notice 梧桐里小区停水通知\n", type);
		return 2;
	}
	if (utf8_check(title, strlen(title)) != strlen(title)) {
		fprintf(err, "gongshi: 标题不是 UTF-8 文字，请检查终端的编码设置\n");
		return 2;
	}
	for (p = title; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			fprintf(err, "gongshi: 标题只能写一行，不能含换行等控制字符\n");
			return 2;
		}
	chars = utf8_chars(title);
	if (chars < 4 || chars > 40) {
		fprintf(err, "gongshi: 标题应为 4—40 个字，“%s”有 %zu 个字\n",
		    title, chars);
		return 2;
	}
	if (!build_epoch(&now)) {
		fprintf(err, "gongshi: 环境变量 SOURCE_DATE_EPOCH 应为整数秒\n");
		return 2;
	}
	rc = read_site(site_dir, &a, &si, err);
	if (rc != 0)
		goto out;
	si.today = (now + SITE_UTC_OFFSET) / 86400;

	switch (t) {
	case RT_NOTICE:
		notice(&b, &si, title);
		break;
	case RT_DISCLOSURE:
		disclosure(&b, &si, title);
		break;
	case RT_POWER_ITEM:
		power_item(&b, &si, title, site_dir);
		break;
	case RT_CONSULTATION:
		consultation(&b, &si, title);
		break;
	default:
		legal_schedule(&b, &si, title);
		break;
	}
	if (!buf_ok(&b) || a.oom) {
		fprintf(err, "gongshi: 内存不足\n");
		rc = 3;
		goto out;
	}

	make_slug(title, t, slug, sizeof(slug));
	snprintf(base, sizeof(base), "%s-%s", iso(si.today, d), slug);
	rel = malloc(strlen(section_defs[t].dir) + 16);
	if (rel == NULL) {
		rc = 3;
		goto out;
	}
	sprintf(rel, "content/%s", section_defs[t].dir);
	dir = path_join(site_dir, rel);
	if (dir == NULL) {
		rc = 3;
		goto out;
	}
	e = mkdir_p(dir);
	if (e != 0) {
		fprintf(err, "gongshi: 无法创建目录 %s：%s\n", dir, strerror(e));
		rc = 3;
		goto out;
	}
	e = create_new(dir, base, b.data, b.len, &path);
	if (e != 0) {
		fprintf(err, "gongshi: 无法在 %s 里新建文件：%s\n", dir,
		    strerror(e));
		rc = 3;
		goto out;
	}
	fprintf(out, "%s\n", strcmp(site_dir, ".") == 0 ? path + 2 : path);
	fprintf(err,
	    "gongshi: 已新建草稿，请按文件里的说明填写；删掉 draft: true 这一行才会发布\n");
	rc = 0;
out:
	free(path);
	free(dir);
	free(rel);
	buf_free(&b);
	arena_free(&a);
	return rc;
}
