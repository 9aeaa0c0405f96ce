#include "schema.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "fsutil.h"
#include "money.h"
#include "phone.h"
#include "utf8.h"

/* ---- tables (CONTENT-MODEL.md §8) ---- */

#define END {NULL, NULL, 0, 0, NULL, NULL, 0, 0}

const struct enum_opt schema_record_types[] = {
	{"notice", "通知公告", NULL},
	{"disclosure", "居务公开", "村务公开"},
	{"power_item", "小微权力清单", NULL},
	{"consultation", "议事协商", NULL},
	{"legal_schedule", "法律顾问坐班", NULL},
	{NULL, NULL, NULL},
};

static const struct enum_opt org_types[] = {
	{"village", "村民委员会", NULL},
	{"community", "社区居民委员会", NULL},
	{NULL, NULL, NULL},
};

static const struct field item_string[] = {
	{NULL, "条目", FT_STRING, F_REQ, NULL, NULL, 0, 0},
};
static const struct field item_person[] = {
	{NULL, "姓名", FT_PERSON, F_REQ, NULL, NULL, 0, 0},
};
static const struct field item_grid[] = {
	{NULL, "网格", FT_GRID_REF, F_REQ, NULL, NULL, 0, 0},
};
static const struct field item_tag[] = {
	{NULL, "标签", FT_STRING, F_REQ, NULL, NULL, 1, 20},
};
static const struct field item_nth[] = {
	{NULL, "第几个", FT_INT, F_REQ, NULL, NULL, -1, 5},
};

static const struct field person_phone[] = {
	{"name", "姓名", FT_PERSON, F_REQ, NULL, NULL, 0, 0},
	{"phone", "电话", FT_PHONE, F_REQ, NULL, NULL, 0, 0},
	END,
};

static const struct field supervisor_fields[] = {
	{"name", "姓名", FT_PERSON, F_REQ, NULL, NULL, 0, 0},
	{"title", "职务", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"phone", "电话", FT_PHONE, F_REQ, NULL, NULL, 0, 0},
	{"location", "地点", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	END,
};

static const struct field complaint_fields[] = {
	{"org", "受理单位", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"phone", "电话", FT_PHONE, F_REQ, NULL, NULL, 0, 0},
	END,
};

static const struct field grid_fields[] = {
	{"code", "网格编号", FT_CODE, F_REQ, NULL, NULL, 0, 0},
	{"name", "网格名称", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"households", "户数", FT_INT, F_OPT, NULL, NULL, 1, 5000},
	{"scope", "范围", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"official_code", "统一编码", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"gridder", "网格员", FT_MAP, F_REQ, person_phone, NULL, 0, 0},
	END,
};
static const struct field item_grid_def[] = {
	{NULL, "网格", FT_MAP, F_REQ, grid_fields, NULL, 0, 0},
};

const struct field schema_site[] = {
	{"org_name", "组织全称", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"org_type", "组织类型", FT_ENUM, F_REQ, NULL, org_types, 0, 0},
	{"short_name", "简称", FT_STRING, F_REQ, NULL, NULL, 0, 8},
	{"parent_org", "上级街道/乡镇", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"division_code", "统计用区划代码", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"base_url", "站点地址", FT_URL, F_REQ, NULL, NULL, 0, 0},
	{"address", "办公地址", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"office_hours", "办公时间", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"office_phone", "办公电话", FT_PHONE, F_REQ, NULL, NULL, 0, 0},
	{"supervisor", "监督委员会", FT_MAP, F_REQ, supervisor_fields, NULL, 0,
	    0},
	{"complaint", "上级受理", FT_MAP, F_REQ, complaint_fields, NULL, 0, 0},
	{"grids", "网格", FT_LIST, F_OPT, item_grid_def, NULL, 0, 0},
	{"min_publicity_days", "最短公示天数", FT_INT, F_OPT, NULL, NULL, 1, 90},
	{"share_image", "默认分享图", FT_PATH, F_REQ, NULL, NULL, 0, 0},
	END,
};

static const struct field attachment_fields[] = {
	{"path", "文件", FT_PATH, F_REQ, NULL, NULL, 0, 0},
	{"title", "名称", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	END,
};
static const struct field item_attachment[] = {
	{NULL, "附件", FT_MAP, F_REQ, attachment_fields, NULL, 0, 0},
};

const struct field schema_common[] = {
	{"type", "类型", FT_ENUM, F_REQ, NULL, schema_record_types, 0, 0},
	{"title", "标题", FT_STRING, F_REQ, NULL, NULL, 4, 40},
	{"date", "发布日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"updated", "更新日期", FT_DATE, F_OPT, NULL, NULL, 0, 0},
	{"summary", "摘要", FT_STRING, F_WANT, NULL, NULL, 0, 0},
	{"slug", "网址名", FT_SLUG, F_OPT, NULL, NULL, 0, 0},
	{"grids", "涉及网格", FT_LIST, F_OPT, item_grid, NULL, 0, 0},
	{"pinned", "置顶", FT_BOOL, F_OPT, NULL, NULL, 0, 0},
	{"draft", "草稿", FT_BOOL, F_OPT, NULL, NULL, 0, 0},
	{"expires", "下架日期", FT_DATE, F_OPT, NULL, NULL, 0, 0},
	{"cover", "封面图", FT_PATH, F_OPT, NULL, NULL, 0, 0},
	{"cover_alt", "封面图说明", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"attachments", "附件", FT_LIST, F_OPT, item_attachment, NULL, 0, 0},
	{"supersedes", "更正/替代", FT_SLUG, F_OPT, NULL, NULL, 0, 0},
	{"tags", "标签", FT_LIST, F_OPT, item_tag, NULL, 0, 0},
	END,
};

static const struct field publicity_fields[] = {
	{"start", "开始日期", FT_DATE, F_OPT, NULL, NULL, 0, 0},
	{"end", "结束日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	END,
};

/* notice */
static const struct enum_opt notice_kinds[] = {
	{"notice", "通知", NULL},
	{"announcement", "公告", NULL},
	{"publicity", "公示", NULL},
	{"reminder", "温馨提示", NULL},
	{"activity", "活动", NULL},
	{"recruitment", "招募", NULL},
	{NULL, NULL, NULL},
};
static const struct field event_fields[] = {
	{"start", "开始时间", FT_DATETIME, F_REQ, NULL, NULL, 0, 0},
	{"end", "结束时间", FT_DATETIME, F_OPT, NULL, NULL, 0, 0},
	{"location", "地点", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	END,
};
const struct field schema_notice[] = {
	{"kind", "类别", FT_ENUM, F_REQ, NULL, notice_kinds, 0, 0},
	{"event", "事件时间地点", FT_MAP, F_OPT, event_fields, NULL, 0, 0},
	{"audience", "对象", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"contact", "联系人", FT_MAP, F_OPT, person_phone, NULL, 0, 0},
	{"publicity", "公示期", FT_MAP, F_OPT, publicity_fields, NULL, 0, 0},
	END,
};

/* disclosure */
static const struct enum_opt disclosure_categories[] = {
	{"party", "党务", NULL},
	{"affairs", "居务", "村务"},
	{"finance", "财务", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_opt disclosure_topics[] = {
	{"decision", "重大事项决策", NULL},
	{"project", "工程项目", NULL},
	{"assets", "三资管理", NULL},
	{"welfare", "惠民政策与补贴救助", NULL},
	{"land", "土地与宅基地", NULL},
	{"organization", "组织与人员", NULL},
	{"rules", "制度与居民公约", "制度与村规民约"},
	{"election", "选举", NULL},
	{"routine", "日常事务", NULL},
	{"other", "其他", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_opt frequencies[] = {
	{"monthly", "每月", NULL},
	{"quarterly", "每季度", NULL},
	{"annual", "每年", NULL},
	{"immediate", "随时", NULL},
	{"once", "一次性", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_opt review_bodies[] = {
	{"supervisory_committee", "居务监督委员会", "村务监督委员会"},
	{"finance_group", "民主理财小组", NULL},
	{"joint_meeting", "两委联席会议", NULL},
	{NULL, NULL, NULL},
};
static const struct field review_fields[] = {
	{"body", "审核机构", FT_ENUM, F_REQ, NULL, review_bodies, 0, 0},
	{"date", "审核日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"opinion", "审核意见", FT_TEXT, F_REQ, NULL, NULL, 0, 0},
	{"members", "审核人员", FT_LIST, F_OPT, item_person, NULL, 0, 0},
	END,
};
static const struct field signatory_fields[] = {
	{"role", "职务", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"name", "姓名", FT_PERSON, F_REQ, NULL, NULL, 0, 0},
	END,
};
static const struct field item_signatory[] = {
	{NULL, "签字人", FT_MAP, F_REQ, signatory_fields, NULL, 0, 0},
};
static const struct field objection_fields[] = {
	{"contact", "联系人", FT_PERSON, F_OPT, NULL, NULL, 0, 0},
	{"phone", "电话", FT_PHONE, F_OPT, NULL, NULL, 0, 0},
	{"location", "地点", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"deadline", "截止日期", FT_DATE, F_OPT, NULL, NULL, 0, 0},
	END,
};
static const struct enum_opt procedures[] = {
	{"four_two", "四议两公开", NULL},
	{"villagers_meeting", "村民会议", NULL},
	{"representatives_meeting", "居民代表会议", "村民代表会议"},
	{"residents_meeting", "居民会议", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_opt thresholds[] = {
	{"majority_of_present", "超过到会人数的一半", NULL},
	{"two_thirds_of_present", "达到到会人数的三分之二", NULL},
	{"majority_of_eligible", "超过应到人数的一半", NULL},
	{NULL, NULL, NULL},
};
static const struct field decision_fields[] = {
	{"procedure", "决策程序", FT_ENUM, F_REQ, NULL, procedures, 0, 0},
	{"date", "表决日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"eligible", "应到人数", FT_INT, F_REQ, NULL, NULL, 1, 1000000},
	{"present", "实到人数", FT_INT, F_REQ, NULL, NULL, 0, 1000000},
	{"for", "同意", FT_INT, F_REQ, NULL, NULL, 0, 1000000},
	{"against", "反对", FT_INT, F_REQ, NULL, NULL, 0, 1000000},
	{"abstain", "弃权", FT_INT, F_REQ, NULL, NULL, 0, 1000000},
	{"threshold", "通过标准", FT_ENUM, F_REQ, NULL, thresholds, 0, 0},
	END,
};
static const struct field ledger_line[] = {
	{"item", "收支项目", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"subject", "科目", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"amount", "金额", FT_AMOUNT, F_REQ, NULL, NULL, 0, 0},
	{"date", "日期", FT_DATE, F_OPT, NULL, NULL, 0, 0},
	{"voucher", "凭证号", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"counterparty", "收付款单位", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"note", "备注", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	END,
};
static const struct field item_ledger_line[] = {
	{NULL, "明细", FT_MAP, F_REQ, ledger_line, NULL, 0, 0},
};
static const struct field ledger_fields[] = {
	{"opening_balance", "上期结余", FT_BALANCE, F_REQ, NULL, NULL, 0, 0},
	{"income", "收入明细", FT_LIST, F_REQ, item_ledger_line, NULL, 0, 0},
	{"expense", "支出明细", FT_LIST, F_REQ, item_ledger_line, NULL, 0, 0},
	{"total_income", "收入合计", FT_AMOUNT, F_REQ, NULL, NULL, 0, 0},
	{"total_expense", "支出合计", FT_AMOUNT, F_REQ, NULL, NULL, 0, 0},
	{"closing_balance", "本期结余", FT_BALANCE, F_REQ, NULL, NULL, 0, 0},
	END,
};
static const struct field item_cell[] = {
	{NULL, "单元格", FT_STRING, F_OPT, NULL, NULL, 0, 0},
};
static const struct field item_row[] = {
	{NULL, "行", FT_LIST, F_REQ, item_cell, NULL, 0, 0},
};
static const struct field table_fields[] = {
	{"caption", "表名", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"columns", "列名", FT_LIST, F_REQ, item_string, NULL, 1, 0},
	{"rows", "行", FT_LIST, F_REQ, item_row, NULL, 0, 0},
	END,
};
static const struct field item_basis[] = {
	{NULL, "依据", FT_STRING, F_REQ, NULL, NULL, 0, 0},
};
const struct field schema_disclosure[] = {
	{"category", "公开类别", FT_ENUM, F_REQ, NULL, disclosure_categories, 0,
	    0},
	{"topic", "事项", FT_ENUM, F_REQ, NULL, disclosure_topics, 0, 0},
	{"frequency", "公开频次", FT_ENUM, F_REQ, NULL, frequencies, 0, 0},
	{"period", "所属期", FT_PERIOD, F_OPT, NULL, NULL, 0, 0},
	{"legal_basis", "公开依据", FT_LIST, F_OPT, item_basis, NULL, 0, 0},
	{"review", "审核", FT_MAP, F_OPT, review_fields, NULL, 0, 0},
	{"signatories", "签字", FT_LIST, F_OPT, item_signatory, NULL, 0, 0},
	{"publicity", "公示期", FT_MAP, F_OPT, publicity_fields, NULL, 0, 0},
	{"objection", "异议渠道", FT_MAP, F_OPT, objection_fields, NULL, 0, 0},
	{"decision", "决策程序", FT_MAP, F_OPT, decision_fields, NULL, 0, 0},
	{"ledger", "收支明细", FT_MAP, F_OPT, ledger_fields, NULL, 0, 0},
	{"table", "名单/明细表", FT_MAP, F_OPT, table_fields, NULL, 0, 0},
	END,
};

/* power_item */
static const struct enum_opt power_categories[] = {
	{"decision", "重大决策", NULL},
	{"bidding", "工程项目与招投标", NULL},
	{"assets", "资产资源处置", NULL},
	{"finance", "财务收支", NULL},
	{"procurement", "物资服务采购", NULL},
	{"personnel", "人事用工", NULL},
	{"convenience", "便民服务", NULL},
	{"daily", "日常事务", NULL},
	{NULL, NULL, NULL},
};
static const struct field step_fields[] = {
	{"name", "环节", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"actor", "责任主体", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"detail", "具体要求", FT_TEXT, F_OPT, NULL, NULL, 0, 0},
	{"time_limit", "时限", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	END,
};
static const struct field item_step[] = {
	{NULL, "流程环节", FT_MAP, F_REQ, step_fields, NULL, 0, 0},
};
static const struct enum_opt risk_levels[] = {
	{"high", "高", NULL},
	{"medium", "中", NULL},
	{"low", "低", NULL},
	{NULL, NULL, NULL},
};
static const struct field risk_fields[] = {
	{"point", "风险点", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"level", "风险等级", FT_ENUM, F_REQ, NULL, risk_levels, 0, 0},
	{"control", "防控措施", FT_TEXT, F_REQ, NULL, NULL, 0, 0},
	END,
};
static const struct field item_risk[] = {
	{NULL, "风险点", FT_MAP, F_REQ, risk_fields, NULL, 0, 0},
};
static const struct field supervision_fields[] = {
	{"body", "监督机构", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"phone", "监督电话", FT_PHONE, F_OPT, NULL, NULL, 0, 0},
	{"report_org", "举报受理单位", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"report_phone", "举报电话", FT_PHONE, F_OPT, NULL, NULL, 0, 0},
	END,
};
static const struct field approved_fields[] = {
	{"meeting", "会议", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"date", "日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	END,
};
const struct field schema_power_item[] = {
	{"code", "编号", FT_CODE, F_REQ, NULL, NULL, 0, 0},
	{"name", "事项名称", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"category", "类别", FT_ENUM, F_REQ, NULL, power_categories, 0, 0},
	{"subject", "实施主体", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"applies_to", "适用情形", FT_TEXT, F_OPT, NULL, NULL, 0, 0},
	{"basis", "法律政策依据", FT_LIST, F_REQ, item_basis, NULL, 1, 0},
	{"steps", "操作流程", FT_LIST, F_REQ, item_step, NULL, 2, 0},
	{"time_limit", "办理时限", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"materials", "所需材料", FT_LIST, F_OPT, item_string, NULL, 0, 0},
	{"outputs", "公开要求", FT_LIST, F_OPT, item_string, NULL, 0, 0},
	{"risks", "廉政风险点", FT_LIST, F_WANT, item_risk, NULL, 0, 0},
	{"supervision", "监督方式", FT_MAP, F_REQ, supervision_fields, NULL, 0,
	    0},
	{"flowchart", "流程图", FT_PATH, F_OPT, NULL, NULL, 0, 0},
	{"flowchart_alt", "流程图说明", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"effective_date", "施行日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"approved_by", "通过会议", FT_MAP, F_OPT, approved_fields, NULL, 0, 0},
	END,
};

/* consultation */
static const struct enum_opt topic_sources[] = {
	{"resident", "居民提议", "村民提议"},
	{"joint_petition", "联名提议", NULL},
	{"grid", "网格收集", NULL},
	{"party_org", "党组织提出", NULL},
	{"committee", "居委会提出", "村委会提出"},
	{"higher_level", "上级交办", NULL},
	{"other", "其他", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_opt meeting_forms[] = {
	{"council", "议事会", NULL},
	{"hearing", "听证会", NULL},
	{"forum", "恳谈会", NULL},
	{"courtyard", "楼道会", "院落会"},
	{"online", "线上协商", NULL},
	{"assembly", "居民会议", "村民会议"},
	{"representatives", "居民代表会议", "村民代表会议"},
	{NULL, NULL, NULL},
};
static const struct field meeting_fields[] = {
	{"start", "开始时间", FT_DATETIME, F_REQ, NULL, NULL, 0, 0},
	{"end", "结束时间", FT_DATETIME, F_OPT, NULL, NULL, 0, 0},
	{"location", "地点", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"form", "会议形式", FT_ENUM, F_REQ, NULL, meeting_forms, 0, 0},
	{"host", "主持人", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"recorder", "记录人", FT_PERSON, F_OPT, NULL, NULL, 0, 0},
	END,
};
static const struct enum_opt participant_categories[] = {
	{"party_committee", "党组织和两委成员", NULL},
	{"representative", "居民代表", "村民代表"},
	{"stakeholder", "利益相关方", NULL},
	{"resident", "居民", "村民"},
	{"owners_committee", "业委会", NULL},
	{"property_company", "物业", NULL},
	{"unit", "驻区单位", NULL},
	{"social_org", "社会组织", NULL},
	{"deputy", "人大代表、政协委员", NULL},
	{"expert", "专业人士", NULL},
	{"legal_adviser", "法律顾问", NULL},
	{"gov_staff", "街道工作人员", "乡镇工作人员"},
	{"gridder", "网格员", NULL},
	{"other", "其他", NULL},
	{NULL, NULL, NULL},
};
static const struct field participant_fields[] = {
	{"category", "类别", FT_ENUM, F_REQ, NULL, participant_categories, 0,
	    0},
	{"count", "人数", FT_INT, F_REQ, NULL, NULL, 1, 100000},
	{"voting", "有表决权", FT_BOOL, F_REQ, NULL, NULL, 0, 0},
	{"names", "姓名", FT_LIST, F_OPT, item_person, NULL, 0, 0},
	END,
};
static const struct field item_participant[] = {
	{NULL, "参与人员", FT_MAP, F_REQ, participant_fields, NULL, 0, 0},
};
static const struct enum_opt vote_methods[] = {
	{"hands", "举手表决", NULL},
	{"ballot", "无记名投票", NULL},
	{"sign", "签字表决", NULL},
	{NULL, NULL, NULL},
};
static const struct field vote_fields[] = {
	{"method", "表决方式", FT_ENUM, F_REQ, NULL, vote_methods, 0, 0},
	{"eligible", "应到人数", FT_INT, F_REQ, NULL, NULL, 1, 1000000},
	{"present", "实到人数", FT_INT, F_REQ, NULL, NULL, 0, 1000000},
	{"for", "同意", FT_INT, F_REQ, NULL, NULL, 0, 1000000},
	{"against", "反对", FT_INT, F_REQ, NULL, NULL, 0, 1000000},
	{"abstain", "弃权", FT_INT, F_REQ, NULL, NULL, 0, 1000000},
	{"threshold", "通过标准", FT_ENUM, F_REQ, NULL, thresholds, 0, 0},
	END,
};
static const struct enum_opt results[] = {
	{"agreed", "达成一致", NULL},
	{"majority", "多数同意", NULL},
	{"not_agreed", "未达成一致", NULL},
	{"deferred", "暂缓再议", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_opt impl_status[] = {
	{"planned", "待实施", NULL},
	{"in_progress", "实施中", NULL},
	{"done", "已完成", NULL},
	{"suspended", "暂停", NULL},
	{NULL, NULL, NULL},
};
static const struct field implementation_fields[] = {
	{"owner", "责任单位", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"due", "完成时限", FT_DATE, F_OPT, NULL, NULL, 0, 0},
	{"status", "落实状态", FT_ENUM, F_REQ, NULL, impl_status, 0, 0},
	END,
};
static const struct field feedback_fields[] = {
	{"date", "日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"text", "进展", FT_TEXT, F_REQ, NULL, NULL, 0, 0},
	END,
};
static const struct field item_feedback[] = {
	{NULL, "反馈", FT_MAP, F_REQ, feedback_fields, NULL, 0, 0},
};
const struct field schema_consultation[] = {
	{"topic_source", "议题来源", FT_ENUM, F_REQ, NULL, topic_sources, 0, 0},
	{"proposed_date", "提出日期", FT_DATE, F_OPT, NULL, NULL, 0, 0},
	{"notice_date", "提前通报日期", FT_DATE, F_WANT, NULL, NULL, 0, 0},
	{"meeting", "会议", FT_MAP, F_REQ, meeting_fields, NULL, 0, 0},
	{"participants", "参与人员", FT_LIST, F_REQ, item_participant, NULL, 1,
	    0},
	{"vote", "表决", FT_MAP, F_OPT, vote_fields, NULL, 0, 0},
	{"result", "协商结果", FT_ENUM, F_REQ, NULL, results, 0, 0},
	{"resolution", "形成决议", FT_TEXT, F_OPT, NULL, NULL, 0, 0},
	{"implementation", "落实安排", FT_MAP, F_OPT, implementation_fields,
	    NULL, 0, 0},
	{"feedback", "落实反馈", FT_LIST, F_OPT, item_feedback, NULL, 0, 0},
	{"publicity", "结果公示", FT_MAP, F_OPT, publicity_fields, NULL, 0, 0},
	END,
};

/* legal_schedule */
static const struct enum_opt services[] = {
	{"opinion", "自治事务法律意见", NULL},
	{"consultation", "法律咨询", NULL},
	{"publicity", "法治宣传", NULL},
	{"mediation", "矛盾纠纷调解", NULL},
	{"legal_aid", "法律援助引导", NULL},
	{"contract_review", "合同审查", NULL},
	{"rules_review", "居民公约审查", "村规民约审查"},
	{"other", "其他", NULL},
	{NULL, NULL, NULL},
};
static const struct field item_service[] = {
	{NULL, "服务内容", FT_ENUM, F_REQ, NULL, services, 0, 0},
};
static const struct enum_opt adviser_roles[] = {
	{"lawyer", "律师", NULL},
	{"legal_worker", "基层法律服务工作者", NULL},
	{"judge", "法官", NULL},
	{"prosecutor", "检察官", NULL},
	{"police", "警官", NULL},
	{"notary", "公证员", NULL},
	{"other", "其他", NULL},
	{NULL, NULL, NULL},
};
static const struct field adviser_fields[] = {
	{"id", "人员代号", FT_SLUG, F_REQ, NULL, NULL, 0, 0},
	{"name", "姓名", FT_PERSON, F_REQ, NULL, NULL, 0, 0},
	{"role", "身份", FT_ENUM, F_REQ, NULL, adviser_roles, 0, 0},
	{"org", "所在单位", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"license_no", "执业证号", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"phone", "电话", FT_PHONE, F_REQ, NULL, NULL, 0, 0},
	{"grids", "联系网格", FT_LIST, F_OPT, item_grid, NULL, 0, 0},
	END,
};
static const struct field item_adviser[] = {
	{NULL, "法律顾问", FT_MAP, F_REQ, adviser_fields, NULL, 0, 0},
};
static const struct enum_opt freqs[] = {
	{"weekly", "每周", NULL},
	{"monthly", "每月", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_opt session_kinds[] = {
	{"duty", "坐班", NULL},
	{"lecture", "讲座", NULL},
	{"mediation", "调解", NULL},
	{"visit", "走访", NULL},
	{NULL, NULL, NULL},
};
static const struct field recurring_fields[] = {
	{"adviser", "法律顾问", FT_SLUG, F_REQ, NULL, NULL, 0, 0},
	{"freq", "频次", FT_ENUM, F_REQ, NULL, freqs, 0, 0},
	{"weekday", "星期几", FT_INT, F_REQ, NULL, NULL, 1, 7},
	{"nth", "第几周", FT_LIST, F_OPT, item_nth, NULL, 0, 0},
	{"start", "开始时间", FT_TIME, F_REQ, NULL, NULL, 0, 0},
	{"end", "结束时间", FT_TIME, F_REQ, NULL, NULL, 0, 0},
	{"location", "地点", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"kind", "类别", FT_ENUM, F_REQ, NULL, session_kinds, 0, 0},
	END,
};
static const struct field item_recurring[] = {
	{NULL, "固定坐班", FT_MAP, F_REQ, recurring_fields, NULL, 0, 0},
};
static const struct field session_fields[] = {
	{"adviser", "法律顾问", FT_SLUG, F_REQ, NULL, NULL, 0, 0},
	{"date", "日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"start", "开始时间", FT_TIME, F_REQ, NULL, NULL, 0, 0},
	{"end", "结束时间", FT_TIME, F_REQ, NULL, NULL, 0, 0},
	{"location", "地点", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	{"kind", "类别", FT_ENUM, F_REQ, NULL, session_kinds, 0, 0},
	{"title", "主题", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	END,
};
static const struct field item_session[] = {
	{NULL, "单次安排", FT_MAP, F_REQ, session_fields, NULL, 0, 0},
};
static const struct enum_opt exception_actions[] = {
	{"cancel", "取消", NULL},
	{"move", "调整", NULL},
	{NULL, NULL, NULL},
};
static const struct field exception_fields[] = {
	{"date", "原日期", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"adviser", "法律顾问", FT_SLUG, F_REQ, NULL, NULL, 0, 0},
	{"action", "调整方式", FT_ENUM, F_REQ, NULL, exception_actions, 0, 0},
	{"to_date", "调整到日期", FT_DATE, F_OPT, NULL, NULL, 0, 0},
	{"to_start", "调整后开始时间", FT_TIME, F_OPT, NULL, NULL, 0, 0},
	{"to_end", "调整后结束时间", FT_TIME, F_OPT, NULL, NULL, 0, 0},
	{"reason", "原因", FT_STRING, F_REQ, NULL, NULL, 0, 0},
	END,
};
static const struct field item_exception[] = {
	{NULL, "调整", FT_MAP, F_REQ, exception_fields, NULL, 0, 0},
};
const struct field schema_legal_schedule[] = {
	{"valid_from", "有效期开始", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"valid_to", "有效期结束", FT_DATE, F_REQ, NULL, NULL, 0, 0},
	{"service_model", "服务模式", FT_STRING, F_OPT, NULL, NULL, 0, 0},
	{"services", "服务内容", FT_LIST, F_REQ, item_service, NULL, 1, 0},
	{"advisers", "人员", FT_LIST, F_REQ, item_adviser, NULL, 1, 0},
	{"recurring", "固定坐班", FT_LIST, F_OPT, item_recurring, NULL, 0, 0},
	{"sessions", "单次安排", FT_LIST, F_OPT, item_session, NULL, 0, 0},
	{"exceptions", "调整", FT_LIST, F_OPT, item_exception, NULL, 0, 0},
	END,
};

/* ---- typing ---- */

#define MAX_LIST_ITEMS 5000

const char *
schema_enum_label(const struct enum_opt *opts, const char *key, bool village)
{
	for (; opts && opts->key; opts++)
		if (strcmp(opts->key, key) == 0)
			return village && opts->label_village ?
			    opts->label_village : opts->label;
	return NULL;
}

static void
err(struct schema_ctx *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void
warn(struct schema_ctx *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
vadd(struct schema_ctx *c, enum diag_sev sev, int line, int col,
    const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	diag_add(c->dg, sev, c->file, line, col, "%s", msg);
}

static void
err(struct schema_ctx *c, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(c, DIAG_ERROR, line, col, fmt, ap);
	va_end(ap);
}

static void
warn(struct schema_ctx *c, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(c, DIAG_WARNING, line, col, fmt, ap);
	va_end(ap);
}

/* "标题 title" or, for a list item, "标签". */
static void
name_of(const struct field *f, char *out, size_t n)
{
	str_join3(out, n, f->label, f->key ? " " : NULL, f->key);
}

static const char *
kind_word(const struct ynode *y)
{
	return y->kind == Y_MAP ? "映射（键: 值）" :
	    y->kind == Y_SEQ ? "列表" : "文字";
}

static bool
is_code(const char *s)
{
	size_t i = 0, d = 0;

	while (s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (i < 1 || i > 4 || s[i] != '-')
		return false;
	i++;
	while (s[i + d] >= '0' && s[i + d] <= '9')
		d++;
	return d >= 2 && d <= 3 && s[i + d] == '\0';
}

static bool
is_slug(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '-'))
			return false;
		if (ch == '-' && s[i + 1] == '-')
			return false;
	}
	return true;
}

/* A path inside static/: relative, no "..", no scheme, no backslash. */
static const char *
path_problem(const char *s)
{
	const char *p;
	size_t n;

	if (s[0] == '/' || s[0] == '\\')
		return "不能以“/”开头，应写相对于 static/ 的路径";
	if (strchr(s, ':') != NULL)
		return "不能带网址前缀（如 http:），应写相对于 static/ 的路径";
	if (strchr(s, '\\') != NULL)
		return "请用“/”分隔目录";
	for (p = s; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == s || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return "不能含有“..”";
	if (s[0] == '\0' || s[strlen(s) - 1] == '/')
		return "应指向一个文件";
	/* Files the build does not copy: the link would be broken. */
	for (p = s; *p != '\0'; p += n + (p[n] == '/')) {
		char part[256];

		n = strcspn(p, "/");
		/* "./x" is x, as before. */
		if (n == 0 || n >= sizeof(part) || (n == 1 && *p == '.'))
			continue;
		memcpy(part, p, n);
		part[n] = '\0';
		if (ignored_name(part))
			return "是隐藏文件或编辑器、办公软件的临时文件（名字以“.”“#”“~$”开头，或以“~”“.tmp”“.swp”结尾），不会发布，请给文件改名";
	}
	return NULL;
}

static bool
parse_int(const char *s, long long *v)
{
	long long x = 0;
	bool neg = false;
	size_t i = 0;

	if (s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (s[i] == '\0' || (s[i] == '0' && s[i + 1] != '\0'))
		return false;
	for (; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || x > 100000000000LL)
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = neg ? -x : x;
	return true;
}

static struct gv *type_value(struct schema_ctx *c, const struct field *f,
    const struct ynode *y, int kline, int kcol, struct gv *parent);

/* Type a scalar.  NULL with a diagnostic when it does not fit; a
 * separate *oom for allocation failure. */
static struct gv *
type_scalar(struct schema_ctx *c, const struct field *f, const struct ynode *y,
    int kline, int kcol, struct gv *parent, bool *oom)
{
	char nm[128], tmp[64];
	const char *s = y->s;
	struct gv *v = NULL;
	int64_t i64;
	size_t chars;
	int minutes;
	long long ll;
	bool bad_off;
	struct period per;

	name_of(f, nm, sizeof(nm));
	switch (f->type) {
	case FT_STRING:
	case FT_PERSON:
	case FT_TEXT: {
		size_t len = y->len, b = 0;
		int max = f->max ? f->max : f->type == FT_PERSON ? 20 :
		    f->type == FT_TEXT ? 5000 : 200;

		if (f->type != FT_TEXT && memchr(s, '\n', len) != NULL) {
			err(c, kline, kcol, "%s：只能写一行", nm);
			return NULL;
		}
		while (b < len && (s[b] == ' ' || s[b] == '\t'))
			b++;
		while (len > b && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\n'))
			len--;
		v = gv_strn(c->a, s + b, len - b);
		if (v == NULL)
			break;
		chars = utf8_chars(v->u.s.p);
		if (chars > (size_t)max) {
			err(c, kline, kcol, "%s：最多 %d 个字，现在有 %zu 个字",
			    nm, max, chars);
			return NULL;
		}
		if (f->min && chars < (size_t)f->min) {
			err(c, kline, kcol, "%s：至少 %d 个字，现在只有 %zu 个字",
			    nm, f->min, chars);
			return NULL;
		}
		break;
	}
	case FT_DATE:
		if (!date_parse(s, &i64)) {
			err(c, kline, kcol,
			    "%s：“%s”不是有效日期（应写成 2025-10-10 这样的真实日期）",
			    nm, s);
			return NULL;
		}
		v = gv_int(c->a, GV_DATE, i64);
		break;
	case FT_DATETIME:
		if (!datetime_parse(s, &i64, &bad_off)) {
			if (bad_off)
				err(c, kline, kcol,
				    "%s：“%s”的时区不是北京时间（只能不写时区或写 +08:00）",
				    nm, s);
			else
				err(c, kline, kcol,
				    "%s：“%s”不是有效时间（应写成 2025-10-16T08:30）",
				    nm, s);
			return NULL;
		}
		v = gv_int(c->a, GV_DATETIME, i64);
		break;
	case FT_TIME:
		if (!time_parse(s, &minutes)) {
			err(c, kline, kcol,
			    "%s：“%s”不是有效时刻（应写成 \"09:00\"，24 小时制）",
			    nm, s);
			return NULL;
		}
		v = gv_int(c->a, GV_TIME, minutes);
		break;
	case FT_PERIOD:
		if (!period_parse(s, &per)) {
			err(c, kline, kcol,
			    "%s：“%s”不是有效的所属期（应写成 2025、2025-09、2025-Q3 或 2025-H2）",
			    nm, s);
			return NULL;
		}
		v = gv_str(c->a, s);
		if (v != NULL && parent != NULL && f->key &&
		    !gv_set(c->a, parent, "period_label",
		    gv_str(c->a, period_fmt_zh(&per, tmp))))
			v = NULL;
		break;
	case FT_AMOUNT:
	case FT_BALANCE:
		if (!money_parse(s, f->type == FT_BALANCE, &i64)) {
			err(c, kline, kcol,
			    "%s：“%s”不是有效金额（应写成 \"1234.50\"：以元为单位，保留两位小数，不加逗号%s）",
			    nm, s, f->type == FT_BALANCE ? "" : "，不能为负数");
			return NULL;
		}
		v = gv_int(c->a, GV_MONEY, i64);
		break;
	case FT_PHONE:
		if (phone_kind(s) == PHONE_INVALID) {
			err(c, kline, kcol,
			    "%s：“%s”不是有效电话号码（手机写 11 位数字，座机写 0571-86000100，或 12345 等热线）",
			    nm, s);
			return NULL;
		}
		v = gv_str(c->a, s);
		break;
	case FT_SLUG:
		if (!is_slug(s)) {
			err(c, kline, kcol,
			    "%s：“%s”只能用小写字母、数字和“-”（不超过 64 个字符）",
			    nm, s);
			return NULL;
		}
		v = gv_str(c->a, s);
		break;
	case FT_CODE:
		if (!is_code(s)) {
			err(c, kline, kcol,
			    "%s：“%s”格式不对（应为 1—4 个大写字母、“-”、2—3 位数字，如 JC-03）",
			    nm, s);
			return NULL;
		}
		v = gv_str(c->a, s);
		break;
	case FT_GRID_REF: {
		size_t i;
		bool found = false;

		for (i = 0; c->grids && i < c->grids->u.list.n; i++) {
			const char *code = gv_get_str(c->grids->u.list.v[i],
			    "code");
			if (code && strcmp(code, s) == 0)
				found = true;
		}
		if (!found) {
			err(c, kline, kcol,
			    "%s：site.yaml 里没有编号为“%s”的网格", nm, s);
			return NULL;
		}
		v = gv_str(c->a, s);
		break;
	}
	case FT_PATH: {
		const char *why = path_problem(s);

		if (why != NULL) {
			err(c, kline, kcol, "%s：“%s”%s", nm, s, why);
			return NULL;
		}
		v = gv_url(c->a, s);
		break;
	}
	case FT_URL: {
		size_t n = strlen(s);

		if (strncmp(s, "https://", 8) != 0 || n <= 8 ||
		    s[n - 1] == '/' || strpbrk(s, " \"'<>\\") != NULL ||
		    strchr(s + 8, '?') || strchr(s + 8, '#')) {
			err(c, kline, kcol,
			    "%s：“%s”应以 https:// 开头，末尾不加“/”", nm, s);
			return NULL;
		}
		v = gv_url(c->a, s);
		break;
	}
	case FT_INT:
		if (!parse_int(s, &ll) || ll < f->min || ll > f->max) {
			err(c, kline, kcol, "%s：“%s”应为 %d 到 %d 之间的整数",
			    nm, s, f->min, f->max);
			return NULL;
		}
		if (f->min < 0 && ll == 0) {
			err(c, kline, kcol, "%s：不能为 0", nm);
			return NULL;
		}
		v = gv_int(c->a, GV_INT, ll);
		break;
	case FT_BOOL:
		if (!y->plain || (strcmp(s, "true") != 0 &&
		    strcmp(s, "false") != 0)) {
			err(c, kline, kcol, "%s：应写 true 或 false，不是“%s”",
			    nm, s);
			return NULL;
		}
		v = gv_bool(c->a, s[0] == 't');
		break;
	case FT_ENUM: {
		const char *label = schema_enum_label(f->opts, s, c->village);
		char list[1024];
		size_t off = 0;
		const struct enum_opt *o;

		if (label == NULL) {
			list[0] = '\0';
			for (o = f->opts; o->key; o++)
				off += (size_t)snprintf(list + off,
				    off < sizeof(list) ? sizeof(list) - off : 0,
				    "%s%s（%s）", o == f->opts ? "" : "、",
				    o->key, c->village && o->label_village ?
				    o->label_village : o->label);
			err(c, kline, kcol, "%s：“%s”不是可选值；可选：%s", nm, s,
			    list);
			return NULL;
		}
		v = gv_str(c->a, s);
		if (v != NULL && parent != NULL && f->key) {
			char *lk = arena_alloc(c->a, strlen(f->key) + 7);

			if (lk == NULL)
				break;
			sprintf(lk, "%s_label", f->key);
			if (!gv_set(c->a, parent, lk, gv_str_static(c->a, label)))
				v = NULL;
		} else if (v != NULL) {
			/* A list item: a {key, label} map. */
			struct gv *m = gv_map(c->a);

			if (m == NULL || !gv_reserve(c->a, m, 2) ||
			    !gv_set(c->a, m, "key", v) ||
			    !gv_set(c->a, m, "label",
			    gv_str_static(c->a, label)))
				v = NULL;
			else
				v = m;
		}
		break;
	}
	case FT_MAP:
	case FT_LIST:
		break;
	}
	if (v == NULL)
		*oom = true;
	else {
		v->line = kline;
		v->col = gv_col(kcol);
	}
	return v;
}

/* Edit distance, for "did you mean". */
static int
distance(const char *a, const char *b)
{
	int d[33][33];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > 32 || lb > 32)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int x = d[i - 1][j] + 1, y = d[i][j - 1] + 1,
			    z = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			d[i][j] = x < y ? (x < z ? x : z) : (y < z ? y : z);
		}
	return d[la][lb];
}

const struct field *
schema_find_field(const struct field *f1, const struct field *f2,
    const char *key)
{
	const struct field *f;

	for (f = f1; f && f->key; f++)
		if (f->key[0] == key[0] && strcmp(f->key, key) == 0)
			return f;
	for (f = f2; f && f->key; f++)
		if (f->key[0] == key[0] && strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

static const char *
nearest(const struct field *f1, const struct field *f2, const char *key)
{
	const struct field *tabs[2] = {f1, f2}, *f;
	const char *best = NULL;
	int bd = 3, d, t;

	for (t = 0; t < 2; t++)
		for (f = tabs[t]; f && f->key; f++) {
			d = distance(f->key, key);
			if (d < bd) {
				bd = d;
				best = f->key;
			}
		}
	return best;
}

static struct gv *
type_list(struct schema_ctx *c, const struct field *f, const struct ynode *y,
    int kline, int kcol)
{
	struct gv *list = gv_list(c->a), *v;
	char nm[128];
	size_t i;

	if (list == NULL)
		return NULL;
	list->line = kline;
	list->col = gv_col(kcol);
	name_of(f, nm, sizeof(nm));
	if (y->n > MAX_LIST_ITEMS) {
		err(c, kline, kcol, "%s：最多 %d 项", nm, MAX_LIST_ITEMS);
		return list;
	}
	if (f->min && y->n < (size_t)f->min)
		err(c, kline, kcol, "%s：至少要有 %d 项，现在有 %zu 项", nm,
		    f->min, y->n);
	if (!gv_reserve(c->a, list, y->n))
		return NULL;
	for (i = 0; i < y->n; i++) {
		const struct ynode *it = y->kv[i];

		if (ynode_is_null(it)) {
			err(c, it->line, it->col, "%s：第 %zu 项是空的", nm, i + 1);
			continue;
		}
		v = type_value(c, f->sub, it, it->line, it->col, NULL);
		if (v != NULL && !gv_push(c->a, list, v))
			return NULL;
		if (c->a->oom)
			return NULL;
	}
	return list;
}

static struct gv *
type_value(struct schema_ctx *c, const struct field *f, const struct ynode *y,
    int kline, int kcol, struct gv *parent)
{
	char nm[128];
	bool oom = false;
	struct gv *v;

	name_of(f, nm, sizeof(nm));
	if (f->type == FT_MAP) {
		if (y->kind != Y_MAP) {
			err(c, kline, kcol, "%s：应为映射（键: 值），现在是%s", nm,
			    kind_word(y));
			return NULL;
		}
		struct schema_ctx sub = *c;

		sub.line = kline;
		sub.col = kcol;
		v = schema_map(&sub, f->sub, NULL, y);
		if (v) {
			v->line = kline;
			v->col = gv_col(kcol);
		}
		return v;
	}
	if (f->type == FT_LIST) {
		if (y->kind != Y_SEQ) {
			err(c, kline, kcol, "%s：应为列表（每项以“- ”开头，或写成 [a, b]），现在是%s",
			    nm, kind_word(y));
			return NULL;
		}
		return type_list(c, f, y, kline, kcol);
	}
	if (y->kind != Y_SCALAR) {
		err(c, kline, kcol, "%s：应为文字，现在是%s", nm, kind_word(y));
		return NULL;
	}
	v = type_scalar(c, f, y, kline, kcol, parent, &oom);
	(void)oom;
	return v;
}

static void
check_required(struct schema_ctx *c, const struct field *tab,
    const struct ynode *map)
{
	const struct field *f;
	const struct ynode *v;
	char nm[128];

	for (f = tab; f && f->key; f++) {
		if (f->req == F_OPT)
			continue;
		v = ynode_get(map, f->key, NULL);
		if (v != NULL && !ynode_is_null(v))
			continue;
		name_of(f, nm, sizeof(nm));
		if (f->req == F_REQ)
			err(c, c->line, c->col, "缺少必填项：%s", nm);
		else
			warn(c, c->line, c->col, "建议填写：%s", nm);
	}
}

struct gv *
schema_map(struct schema_ctx *c, const struct field *f1,
    const struct field *f2, const struct ynode *map)
{
	struct gv *out = gv_map(c->a), *v;
	const struct field *f;
	const struct ynode *k, *y;
	const char *near;
	size_t i, room = map->n;

	/* Room for every key at once, so that the map is never copied:
	 * an enum or a period also sets "<key>_label" / "period_label",
	 * and a record's map later takes the computed facts (url, status,
	 * tag and grid lists…). */
	for (i = 0; i < map->n; i++)
		if ((f = schema_find_field(f1, f2, map->kv[2 * i]->s)) != NULL &&
		    (f->type == FT_ENUM || f->type == FT_PERIOD))
			room++;
	if (out == NULL || !gv_reserve(c->a, out, room + (f2 ? 16 : 0)))
		return NULL;
	check_required(c, f1, map);
	check_required(c, f2, map);
	for (i = 0; i < map->n; i++) {
		k = map->kv[2 * i];
		y = map->kv[2 * i + 1];
		f = schema_find_field(f1, f2, k->s);
		if (f == NULL) {
			near = nearest(f1, f2, k->s);
			if (ynode_is_null(y) && utf8_chars(k->s) > 3 &&
			    (unsigned char)k->s[0] >= 0x80)
				warn(c, k->line, k->col,
				    "“%s”被当成了一个键：花括号 {…} 或方括号 […] 里的英文逗号会把文字截断，请给整段文字加上英文双引号",
				    k->s);
			else if (near)
				warn(c, k->line, k->col,
				    "未知的键“%s”，已忽略（是不是“%s”？）", k->s,
				    near);
			else
				warn(c, k->line, k->col, "未知的键“%s”，已忽略",
				    k->s);
			continue;
		}
		if (ynode_is_null(y))
			continue; /* reported by check_required if needed */
		v = type_value(c, f, y, k->line, k->col, out);
		if (v != NULL && !gv_set(c->a, out, f->key, v))
			return NULL;
		if (c->a->oom)
			return NULL;
	}
	return out;
}

/* ---- known keys ---- */

static bool
key_in(const struct field *tab, const char *key, int depth)
{
	const struct field *f;
	size_t n;

	if (tab == NULL || depth > 8)
		return false;
	for (f = tab; f->key || f->label; f++) {
		if (f->key) {
			if (strcmp(f->key, key) == 0)
				return true;
			n = strlen(f->key);
			if ((f->type == FT_ENUM || f->type == FT_PERIOD) &&
			    strncmp(f->key, key, n) == 0 &&
			    strcmp(key + n, "_label") == 0)
				return true;
		}
		if ((f->type == FT_MAP || f->type == FT_LIST) &&
		    key_in(f->sub, key, depth + 1))
			return true;
		if (f->key == NULL)
			break; /* a one-item table (list item spec) */
	}
	return false;
}

bool
schema_key_known(const char *key)
{
	static const struct field *const tabs[] = {schema_site, schema_common,
	    schema_notice, schema_disclosure, schema_power_item,
	    schema_consultation, schema_legal_schedule};
	size_t i;

	if (strcmp(key, "key") == 0 || strcmp(key, "label") == 0 ||
	    strcmp(key, "period_label") == 0)
		return true;
	for (i = 0; i < sizeof(tabs) / sizeof(*tabs); i++)
		if (key_in(tabs[i], key, 0))
			return true;
	return false;
}
