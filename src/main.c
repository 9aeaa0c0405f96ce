/*
 * main: the command line.  The only place that exits.
 *
 *   gongshi build [-C SITE] [-o OUT] [-j N] [--base-url URL] [--drafts]
 *                 [--strict] [--full] [--times]
 *   gongshi check [-C SITE] [--strict] [--times]
 *   gongshi new TYPE [-C SITE] TITLE
 *   gongshi serve [-C SITE] [-o OUT] [-j N] [--port PORT] [--base-url URL]
 *                 [--drafts] [--strict]
 *   gongshi --help | --version
 *
 * Exit codes: 0 ok, 1 content errors, 2 usage, 3 system error.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "build.h"
#include "markdown.h"
#include "scaffold.h"
#include "serve.h"


static const char usage_text[] =
    "用法：\n"
    "  gongshi build [-C 站点目录] [-o 输出目录] [-j 线程数] [--base-url 网址]\n"
    "                [--drafts] [--strict] [--full] [--times]\n"
    "  gongshi check [-C 站点目录] [--strict] [--times]\n"
    "  gongshi new 类型 [-C 站点目录] 标题\n"
    "  gongshi serve [-C 站点目录] [-o 输出目录] [--port 端口] [--drafts] [--strict]\n"
    "  gongshi --help | --version\n"
    "\n"
    "命令：\n"
    "  build   检查全部内容并生成网站（默认输出到 站点目录/public）\n"
    "  check   只检查，不生成任何文件\n"
    "  new     新建一条记录的模板文件，类型为 notice（通知公告）、\n"
    "          disclosure（公开）、power_item（小微权力）、\n"
    "          consultation（议事协商）或 legal_schedule（法律顾问坐班）\n"
    "  serve   在本机预览（http://127.0.0.1:8080/），保存文件后自动重新生成；\n"
    "          默认输出到临时目录，停止时删除\n"
    "\n"
    "选项：\n"
    "  -C 目录        站点目录（含 site.yaml、content/、templates/），默认当前目录\n"
    "  -o 目录        输出目录，默认 站点目录/public\n"
    "  -j 数量        同时生成页面的线程数，默认为处理器核数\n"
    "  --base-url 网址  覆盖 site.yaml 里的 base_url（如 https://example.cn/sq）\n"
    "  --drafts       也生成草稿（draft: true）\n"
    "  --strict       警告也视为错误\n"
    "  --full         不使用增量缓存，全部重新生成\n"
    "  --times        最后列出每一步的用时\n"
    "  --port 端口    serve 使用的端口，默认 8080（0 表示任选一个空闲端口）\n"
    "\n"
    "退出码：0 成功，1 内容有错误，2 用法错误，3 系统错误（读写失败、内存不足）\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
}

enum { OPT_BASE_URL = 256, OPT_DRAFTS, OPT_STRICT, OPT_FULL, OPT_HELP,
	OPT_VERSION, OPT_PORT, OPT_TIMES };

static const struct option long_opts[] = {
	{"base-url", required_argument, NULL, OPT_BASE_URL},
	{"drafts", no_argument, NULL, OPT_DRAFTS},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"full", no_argument, NULL, OPT_FULL},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{"port", required_argument, NULL, OPT_PORT},
	{"times", no_argument, NULL, OPT_TIMES},
	{NULL, 0, NULL, 0},
};

int
main(int argc, char **argv)
{
	struct build_cfg cfg;
	const char *cmd;
	sigset_t stop;
	char *end;
	long port = -1;
	int c, rc;

	memset(&cfg, 0, sizeof(cfg));
	cfg.o.site_dir = ".";
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("gongshi %s\n", GONGSHI_VERSION);
		return 0;
	}
	if (strcmp(cmd, "build") != 0 && strcmp(cmd, "check") != 0 &&
	    strcmp(cmd, "new") != 0 && strcmp(cmd, "serve") != 0) {
		fprintf(stderr, "gongshi: 未知命令“%s”\n\n", cmd);
		usage(stderr);
		return 2;
	}
	optind = 2;
	while ((c = getopt_long(argc, argv, "C:o:j:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			cfg.o.site_dir = optarg;
			break;
		case 'o':
			cfg.out = optarg;
			break;
		case 'j':
			cfg.jobs = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || cfg.jobs < 1 || cfg.jobs > 256) {
				fprintf(stderr, "gongshi: -j 应为 1 到 256 之间的整数\n");
				return 2;
			}
			break;
		case OPT_BASE_URL:
			if (strncmp(optarg, "https://", 8) != 0 &&
			    strncmp(optarg, "http://", 7) != 0) {
				fprintf(stderr,
				    "gongshi: --base-url 应以 https:// 或 http:// 开头\n");
				return 2;
			}
			cfg.o.base_url = optarg;
			break;
		case OPT_DRAFTS:
			cfg.o.drafts = true;
			break;
		case OPT_STRICT:
			cfg.o.strict = true;
			break;
		case OPT_FULL:
			cfg.full = true;
			break;
		case OPT_TIMES:
			cfg.times = true;
			break;
		case OPT_PORT:
			port = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || port < 0 ||
			    port > 65535) {
				fprintf(stderr, "gongshi: --port 应为 0 到 65535 之间的整数\n");
				return 2;
			}
			break;
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("gongshi %s\n", GONGSHI_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (strcmp(cmd, "new") == 0) {
		if (argc - optind != 2) {
			fprintf(stderr, "gongshi: 用法：gongshi new 类型 [-C 站点目录] 标题\n");
			return 2;
		}
		return scaffold_new(cfg.o.site_dir, argv[optind], argv[optind + 1],
		    stdout, stderr);
	}
	if (optind != argc) {
		fprintf(stderr, "gongshi: 多余的参数“%s”\n", argv[optind]);
		return 2;
	}
	if (port >= 0 && strcmp(cmd, "serve") != 0) {
		fprintf(stderr, "gongshi: 只有 serve 接受 --port\n");
		return 2;
	}
	if (strcmp(cmd, "serve") == 0 && (cfg.full || cfg.times)) {
		fprintf(stderr, "gongshi: serve 不接受 %s\n",
		    cfg.full ? "--full" : "--times");
		return 2;
	}
	if (strcmp(cmd, "check") == 0) {
		if (cfg.out || cfg.o.drafts) {
			fprintf(stderr, "gongshi: check 不接受 -o 或 --drafts\n");
			return 2;
		}
		cfg.check_only = true;
	}
	/* A file size limit must fail a write (EFBIG, reported), not kill
	 * the process halfway. */
	signal(SIGXFSZ, SIG_IGN);
	xmlInitParser();
	md_init();
	if (strcmp(cmd, "serve") == 0) {
		/* The server waits for these; no thread may take them. */
		serve_signals(&stop);
		pthread_sigmask(SIG_BLOCK, &stop, NULL);
		signal(SIGPIPE, SIG_IGN);
		rc = serve_run(&cfg, port >= 0 ? (int)port : 8080, stderr);
	} else {
		rc = build_run(&cfg, stderr);
	}
	xmlCleanupParser();
	return rc;
}
