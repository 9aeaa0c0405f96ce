#include "frontmatter.h"

#include <string.h>
#include <yaml.h>

bool
fm_split(const char *text, size_t len, const char *file, struct diags *dg,
    const char **fm, size_t *fm_len, int *fm_line, const char **body,
    int *body_line)
{
	const char *p, *end = text + len, *nl;
	int line = 2;

	if (len < 4 || strncmp(text, "---\n", 4) != 0) {
		diag_add(dg, DIAG_ERROR, file, 1, 1,
		    "文件须以“---”开头的 YAML 头信息（front matter）开始");
		return false;
	}
	p = text + 4;
	*fm = p;
	*fm_line = 2;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((nl - p == 3 && strncmp(p, "---", 3) == 0) ||
		    (nl - p == 3 && strncmp(p, "...", 3) == 0)) {
			*fm_len = (size_t)(p - *fm);
			*body = nl < end ? nl + 1 : end;
			*body_line = line + 1;
			return true;
		}
		p = nl + 1;
		line++;
	}
	diag_add(dg, DIAG_ERROR, file, 1, 1,
	    "YAML 头信息没有结束行“---”");
	return false;
}

/* libyaml's problems, in the words a committee clerk can act on. */
static const struct {
	const char *en, *zh;
} problems[] = {
	{"mapping values are not allowed in this context",
	    "此处不能出现“键: 值”：冒号后面要有空格，值里有冒号时请加引号"},
	{"did not find expected key",
	    "没有找到预期的键：请检查缩进是否对齐"},
	{"did not find expected '-' indicator",
	    "没有找到预期的“-”：列表各项的缩进要对齐"},
	{"found character that cannot start any token",
	    "出现了不能开始任何内容的字符（如制表符或“@”“`”）：请改用空格缩进，或给值加引号"},
	{"found unexpected end of stream", "内容意外结束：引号或括号没有闭合"},
	{"did not find expected ',' or ']'", "方括号列表没有正确结束：缺少“,”或“]”"},
	{"did not find expected ',' or '}'", "花括号映射没有正确结束：缺少“,”或“}”"},
	{"found unknown escape character", "双引号内有无法识别的转义字符“\\”"},
	{"found a tab character that violates indentation",
	    "缩进里有制表符：请改用空格"},
	{"could not find expected ':'", "没有找到预期的“:”"},
	{"found undefined tag handle", "不支持 YAML 标签（!）"},
	{"block sequence entries are not allowed in this context",
	    "此处不能开始“-”列表：请检查缩进"},
	{"found a tab character where an indentation space is expected",
	    "缩进里有制表符：请改用空格"},
};

static const char *
problem_zh(const char *en)
{
	size_t i;

	if (en == NULL)
		return "无法解析";
	for (i = 0; i < sizeof(problems) / sizeof(problems[0]); i++)
		if (strcmp(en, problems[i].en) == 0)
			return problems[i].zh;
	return NULL;
}

static bool
grow(struct arena *a, struct ynode *parent)
{
	struct ynode **nv;
	size_t cap;

	if ((parent->kind == Y_MAP ? 2 * parent->n + 2 : parent->n + 1) >
	    parent->cap) {
		cap = parent->cap ? parent->cap * 2 : 8;
		nv = arena_alloc(a, cap * sizeof(*nv));
		if (nv == NULL)
			return false;
		if (parent->cap)
			memcpy(nv, parent->kv, parent->cap * sizeof(*nv));
		parent->kv = nv;
		parent->cap = cap;
	}
	return true;
}

struct ynode *
fm_parse(struct arena *a, const char *yaml, size_t len, int line0,
    const char *file, struct diags *dg)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode *stack[FM_MAX_DEPTH + 2], *root = NULL, *node, *top;
	struct ynode *pending_key[FM_MAX_DEPTH + 2];
	int depth = 0, docs = 0, line, col;
	size_t nodes = 0, i;
	bool done = false, ok = false, have_event = false;
	const char *zh;

	if (!yaml_parser_initialize(&parser)) {
		diag_add(dg, DIAG_ERROR, file, line0, 1, "内存不足");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			line = (int)parser.problem_mark.line + line0;
			col = (int)parser.problem_mark.column + 1;
			zh = problem_zh(parser.problem);
			if (zh != NULL)
				diag_add(dg, DIAG_ERROR, file, line, col,
				    "YAML 语法错误：%s（%s）", zh,
				    parser.problem);
			else
				diag_add(dg, DIAG_ERROR, file, line, col,
				    "YAML 语法错误：%s%s%s", parser.problem,
				    parser.context ? "，" : "",
				    parser.context ? parser.context : "");
			goto out;
		}
		have_event = true;
		line = (int)ev.start_mark.line + line0;
		col = (int)ev.start_mark.column + 1;
		node = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag_add(dg, DIAG_ERROR, file, line, col,
				    "头信息里只能有一个 YAML 文档（不能用“---”分隔多个）");
				goto out;
			}
			break;
		case YAML_ALIAS_EVENT:
			diag_add(dg, DIAG_ERROR, file, line, col,
			    "不支持 YAML 别名（*%s）：请把内容直接写出来",
			    (const char *)ev.data.alias.anchor);
			goto out;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor, *tag;
			bool implicit_tag;

			if (ev.type == YAML_SCALAR_EVENT) {
				anchor = ev.data.scalar.anchor;
				tag = ev.data.scalar.tag;
				implicit_tag = ev.data.scalar.plain_implicit ||
				    ev.data.scalar.quoted_implicit;
			} else if (ev.type == YAML_SEQUENCE_START_EVENT) {
				anchor = ev.data.sequence_start.anchor;
				tag = ev.data.sequence_start.tag;
				implicit_tag = ev.data.sequence_start.implicit;
			} else {
				anchor = ev.data.mapping_start.anchor;
				tag = ev.data.mapping_start.tag;
				implicit_tag = ev.data.mapping_start.implicit;
			}
			if (anchor != NULL) {
				diag_add(dg, DIAG_ERROR, file, line, col,
				    "不支持 YAML 锚点（&%s）：请把内容直接写出来",
				    (const char *)anchor);
				goto out;
			}
			if (tag != NULL && !implicit_tag) {
				diag_add(dg, DIAG_ERROR, file, line, col,
				    "不支持 YAML 标签（%s）", (const char *)tag);
				goto out;
			}
			if (++nodes > FM_MAX_NODES) {
				diag_add(dg, DIAG_ERROR, file, line, col,
				    "头信息内容过多（超过 %d 项）",
				    FM_MAX_NODES);
				goto out;
			}
			node = arena_alloc(a, sizeof(*node));
			if (node == NULL)
				goto oom;
			node->line = line;
			node->col = col;
			if (ev.type == YAML_SCALAR_EVENT) {
				node->kind = Y_SCALAR;
				node->s = arena_strndup(a,
				    (const char *)ev.data.scalar.value,
				    ev.data.scalar.length);
				if (node->s == NULL)
					goto oom;
				node->len = ev.data.scalar.length;
				node->plain = ev.data.scalar.style ==
				    YAML_PLAIN_SCALAR_STYLE;
			} else {
				node->kind = ev.type == YAML_MAPPING_START_EVENT
				    ? Y_MAP : Y_SEQ;
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		have_event = false;
		if (node == NULL)
			continue;
		/* Attach the new node to its parent. */
		if (depth == 0) {
			if (node->kind != Y_MAP) {
				diag_add(dg, DIAG_ERROR, file, line, col,
				    "头信息应是“键: 值”的映射");
				goto out;
			}
			root = node;
		} else {
			top = stack[depth - 1];
			if (!grow(a, top))
				goto oom;
			if (top->kind == Y_SEQ) {
				top->kv[top->n++] = node;
			} else if (pending_key[depth - 1] == NULL) {
				if (node->kind != Y_SCALAR) {
					diag_add(dg, DIAG_ERROR, file, line,
					    col, "键必须是简单的文字");
					goto out;
				}
				for (i = 0; i < top->n; i++)
					if (strcmp(top->kv[2 * i]->s,
					    node->s) == 0) {
						diag_add(dg, DIAG_ERROR, file,
						    line, col,
						    "键“%s”重复（第一次出现在第 %d 行）",
						    node->s, top->kv[2 * i]->line);
						goto out;
					}
				pending_key[depth - 1] = node;
			} else {
				top->kv[2 * top->n] = pending_key[depth - 1];
				top->kv[2 * top->n + 1] = node;
				top->n++;
				pending_key[depth - 1] = NULL;
			}
		}
		if (node->kind != Y_SCALAR) {
			if (depth >= FM_MAX_DEPTH) {
				diag_add(dg, DIAG_ERROR, file, line, col,
				    "头信息嵌套过深（超过 %d 层）",
				    FM_MAX_DEPTH);
				goto out;
			}
			pending_key[depth] = NULL;
			stack[depth++] = node;
		}
	}
	if (root == NULL) {
		root = arena_alloc(a, sizeof(*root));
		if (root == NULL)
			goto oom;
		root->kind = Y_MAP;
		root->line = line0;
		root->col = 1;
	}
	ok = true;
	goto out;
oom:
	diag_add(dg, DIAG_ERROR, file, line0, 1, "内存不足");
out:
	if (have_event)
		yaml_event_delete(&ev);
	yaml_parser_delete(&parser);
	return ok ? root : NULL;
}

struct ynode *
ynode_get(const struct ynode *m, const char *key,
    const struct ynode **keynode)
{
	size_t i;

	if (m == NULL || m->kind != Y_MAP)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->kv[2 * i]->s, key) == 0) {
			if (keynode)
				*keynode = m->kv[2 * i];
			return m->kv[2 * i + 1];
		}
	return NULL;
}

bool
ynode_is_null(const struct ynode *n)
{
	return n == NULL || (n->kind == Y_SCALAR && n->plain &&
	    (n->len == 0 || strcmp(n->s, "~") == 0 ||
	    strcmp(n->s, "null") == 0 || strcmp(n->s, "Null") == 0 ||
	    strcmp(n->s, "NULL") == 0));
}
