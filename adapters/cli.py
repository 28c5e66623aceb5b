"""`policybot` command line: the CLI adapter, plus index and evaluation tools.

Like the chat adapters it only parses input and renders answers; all
decisions come from `bot.assistant.Assistant`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from adapters.config import load_env_file
from bot.answer import Turn
from bot.assistant import Assistant, UnknownDistrict
from bot.citations import citation_for
from bot.knowledge import KnowledgeError, knowledge_dir
from bot.render import render
from bot.store import SQLiteStore, index_path

EXIT_USAGE = 2
EXIT_DATA = 3


def _fail(message: str, code: int = EXIT_DATA) -> int:
    print(f"policybot: {message}", file=sys.stderr)
    return code


def _assistant(args: argparse.Namespace) -> Assistant:
    return Assistant.load(args.knowledge, args.index)


def cmd_ask(args: argparse.Namespace) -> int:
    assistant = _assistant(args)
    previous = Turn(question=args.previous, district=args.district) if args.previous else None
    answer = assistant.ask(args.question, args.district, previous=previous)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render("answer.txt.j2", answer=answer))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    assistant = _assistant(args)
    ids = [d.strip() for d in args.districts.split(",") if d.strip()] if args.districts else None
    comparison = assistant.compare(args.question, ids)
    if args.json:
        print(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render("compare.txt.j2", comparison=comparison))
    return 0


def cmd_districts(args: argparse.Namespace) -> int:
    assistant = _assistant(args)
    for d in assistant.districts():
        policies = "; ".join(f"{p.label} — {p.title} ({p.date_label})" for p in d.policies)
        print(f"{d.id:16s} {d.name} [{d.state}]\n{'':16s} {policies}")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    root = knowledge_dir(args.knowledge)
    store = SQLiteStore(index_path(root, args.index))
    report = store.rebuild(root)
    print(
        f"indexed {report.districts} districts, {report.policies} policies, "
        f"{report.clauses} clauses in {report.seconds:.2f}s "
        f"({len(report.parsed_files)} parsed, {len(report.reused_files)} unchanged) "
        f"-> {report.path}"
    )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    assistant = _assistant(args)
    clause = assistant.clause(args.clause_id)
    if clause is None:
        return _fail(
            f"no clause '{args.clause_id}'. Clause ids look like "
            "'marlborough:ihb:D:i2'; `policybot ask … --json` shows them."
        )
    district = assistant.district(clause.district)
    policy = next(p for p in district.policies if p.number == clause.policy)
    source = assistant.source_text(clause)
    before = " ".join(source[max(0, clause.start - 160) : clause.start].split())
    after = " ".join(source[clause.end : clause.end + 160].split())
    section, citation = citation_for(clause, policy)
    print(
        render(
            "clause.txt.j2",
            clause=clause,
            citation=citation,
            section=section,
            file=f"{district.folder.name}/{policy.file}",
            before=before,
            after=after,
        )
    )
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.evaluation import format_metrics, load_labeled, run, score

    items = load_labeled(Path(args.file))
    assistant = _assistant(args)
    results = run(assistant, items)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            for row in results:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    metrics = score(items, results)
    if args.json:
        print(json.dumps(metrics, indent=2))
    else:
        print(f"{args.file}: {len(items)} questions")
        print(format_metrics(metrics))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from adapters.server import serve
    except ImportError as exc:
        return _fail(
            "the chat servers need extra packages: pip install '.[all]' in the policybot "
            f"repository ({exc})"
        )
    return serve(host=args.host, port=args.port, knowledge=args.knowledge, index=args.index) or 0


def cmd_teams_package(args: argparse.Namespace) -> int:
    from adapters.teams_package import main as package_main

    return package_main(args)


def cmd_district(args: argparse.Namespace) -> int:
    from adapters.onboarding import add_district, check_district

    if args.district_command == "add":
        return add_district(args)
    return check_district(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policybot",
        description="District social-media policy answers for school staff, quoted and cited.",
    )
    parser.add_argument(
        "--knowledge",
        help="knowledge folder (default: POLICYBOT_KNOWLEDGE or the bundled districts)",
    )
    parser.add_argument("--index", help="index file (default: POLICYBOT_INDEX or a cache file)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ask", help="answer a question for one district")
    p.add_argument("question")
    p.add_argument("--district", "-d", required=True, help="district id (see `districts`)")
    p.add_argument("--previous", help="the previous question in this conversation (follow-ups)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("compare", help="answer one question for several districts side by side")
    p.add_argument("question")
    p.add_argument("--districts", help="comma-separated ids (default: all)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_compare)

    sub.add_parser("districts", help="list the districts and their policies").set_defaults(
        func=cmd_districts
    )
    sub.add_parser("index", help="(re)build the clause index").set_defaults(func=cmd_index)

    p = sub.add_parser("show", help="print a clause with its context")
    p.add_argument("clause_id")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("eval", help="score a labeled question file")
    p.add_argument("file")
    p.add_argument("--out", help="write per-question results (JSON lines)")
    p.add_argument("--json", action="store_true", help="print metrics as JSON")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="serve Slack (/slack/events) and Teams (/api/messages)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=3000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("teams-package", help="build the Teams app package (zip)")
    p.add_argument("--out", default="policybot-teams.zip")
    p.add_argument("--app-id", help="Teams app / bot id (default: TEAMS_APP_ID)")
    p.add_argument("--domain", help="the public host name of `policybot serve`")
    p.set_defaults(func=cmd_teams_package)

    p = sub.add_parser("district", help="add or check a district")
    dsub = p.add_subparsers(dest="district_command", required=True, metavar="ACTION")
    a = dsub.add_parser("add", help="create a district from policy documents and index it")
    a.add_argument("id")
    a.add_argument("files", nargs="+", type=Path)
    a.add_argument(
        "--name", help='district name, e.g. "Springfield Public Schools" (required unless --append)'
    )
    a.add_argument("--state", default="", help="two-letter state, e.g. MA")
    a.add_argument("--short-name", help="short name used in answers (default: first word of name)")
    a.add_argument("--alias", action="append", default=[], help="other names staff use")
    a.add_argument("--contact", action="append", default=[], help="who staff should ask")
    a.add_argument("--number", help="policy number, when the document does not state it")
    a.add_argument("--title", help="policy title, when the document does not state it")
    a.add_argument("--date", help="adoption/revision date, when the document does not state it")
    mode = a.add_mutually_exclusive_group()
    mode.add_argument("--replace", action="store_true", help="replace an existing district")
    mode.add_argument(
        "--append", action="store_true", help="add these policies to an existing district"
    )
    a.set_defaults(func=cmd_district)
    c = dsub.add_parser("check", help="print the clause tree, citations and warnings")
    c.add_argument("id")
    c.set_defaults(func=cmd_district)
    return parser


def main(argv: list[str] | None = None) -> int:
    load_env_file()  # .env in the working directory; real environment variables win
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UnknownDistrict as exc:
        return _fail(
            f"unknown district '{exc.district_id}'. Choose one of: {', '.join(exc.valid_ids)}",
            EXIT_USAGE,
        )
    except KnowledgeError as exc:
        return _fail(f"policy data problem: {exc}")
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
