"""The `qa` command: index, ask, serve, eval. Errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from pydantic import ValidationError

from qa.errors import SeedQAError, describe_unexpected, log_unexpected
from qa.settings import Settings

# What a terminal would obey instead of print (ESC sequences, clear screen, a new window title),
# should an article, a title or a file name hold it; JSON output escapes these by itself.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def say(text: str = "", file=None, end: str = "\n") -> None:
    print(_CONTROL.sub("\ufffd", text), end=end, file=file or sys.stdout, flush=True)

# Flags shared by every command, one per setting (the environment variable is the default).
_SETTING_FLAGS = {
    "index_dir": ("--index-dir", "QA_INDEX_DIR"),
    "chroma_url": ("--chroma-url", "QA_CHROMA_URL"),
    "llm": ("--llm", "QA_LLM"),
    "llm_url": ("--llm-url", "QA_LLM_URL"),
    "llm_model": ("--llm-model", "QA_LLM_MODEL"),
    "llm_api_key": ("--llm-api-key", "QA_LLM_API_KEY"),
    "llm_timeout": ("--llm-timeout", "QA_LLM_TIMEOUT"),
    "llm_verify": ("--llm-verify", "QA_LLM_VERIFY"),
    "embed": ("--embed", "QA_EMBED"),
    "corpus_dir": ("--corpus-dir", "QA_CORPUS_DIR"),
    "chunk_tokens": ("--chunk-tokens", "QA_CHUNK_TOKENS"),
}


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    for field, (flag, env) in _SETTING_FLAGS.items():
        description = Settings.model_fields[field].description
        # SUPPRESS: a flag given before the command must survive the subcommand's own parsing.
        common.add_argument(flag, dest=field, metavar=field.split("_", 1)[-1].upper(),
                            default=argparse.SUPPRESS, help=f"{description} (env {env})")
    parser = argparse.ArgumentParser(
        prog="qa", parents=[common],
        description="Ask questions of news articles; answers cite exact passages.",
        epilog="Settings: " + "; ".join(f"{env} / {flag}" for flag, env in _SETTING_FLAGS.values())
        + "; QA_TOP_K / --top-k; QA_AUTH, QA_API_KEY, QA_MAX_UPLOAD_MB / serve flags.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", parents=[common], help="add or update files and folders (default: the seeds)")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it afresh")
    p.add_argument("--remove", nargs="+", metavar="PATH", default=[], help="take files or folders out")

    p = sub.add_parser("ask", parents=[common], help="answer a question")
    p.add_argument("question", help="the question, or - to read it from standard input")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the answer as JSON")
    output.add_argument("--stream", action="store_true",
                   help="print the answer as it is written, then the checked answer and sources")
    p.add_argument("--top-k", type=int, metavar="N", help="passages to retrieve (env QA_TOP_K)")

    p = sub.add_parser("serve", parents=[common], help="start the web UI")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--auth", metavar="USER:PASSWORD", default=argparse.SUPPRESS,
                   help="require this login (env QA_AUTH); needed to listen beyond this machine")
    p.add_argument("--api-key", metavar="KEY", default=argparse.SUPPRESS,
                   help="require this key on /v1 (env QA_API_KEY); needed to listen beyond this machine")
    p.add_argument("--no-auth", action="store_true",
                   help="allow listening beyond this machine without a login or an API key")
    p.add_argument("--max-upload-mb", type=float, metavar="MB", default=argparse.SUPPRESS,
                   help="largest upload accepted (env QA_MAX_UPLOAD_MB, default 20)")
    p.add_argument("--watch", action="store_true",
                   help="index files added to, changed in or deleted from the corpus folder as it runs")

    p = sub.add_parser("eval", parents=[common], help="score answers against QA sets (.jsonl), per kind")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    overrides = {f: getattr(args, f) for f in Settings.model_fields if getattr(args, f, None) is not None}
    try:
        return Settings(**overrides)
    except ValidationError as e:
        error = e.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else ""
        # named as the user gave it: the flag, else the environment variable
        given = f"--{field.replace('_', '-')}" if field in overrides else f"QA_{field.upper()}" if field else "setting"
        raise SeedQAError(f"bad {given}: {error['msg']}") from None


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    try:
        settings = settings_from(args)
        return COMMANDS[args.command](args, settings)
    except SeedQAError as e:
        say(f"qa: error: {e}", sys.stderr)
        return 1
    except KeyboardInterrupt:
        say("qa: interrupted", sys.stderr)
        return 130
    except BrokenPipeError:  # `qa ask ... | head`: the reader has all it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return 0
    except Exception as e:  # noqa: BLE001 - a bug: one line here, the traceback in the log
        say(f"qa: error: {describe_unexpected(e, log_unexpected(e, f'qa {args.command}'))}", sys.stderr)
        return 70  # EX_SOFTWARE


def cmd_index(args, settings: Settings) -> int:
    from index.corpus import CorpusIndex
    from index.records import SyncReport

    config = settings.index_config()
    paths = args.paths or ([] if args.remove else settings.corpus_paths())
    progress = sys.stderr.isatty()
    if args.rebuild:
        index, report = CorpusIndex.rebuild(config, paths, progress)
    else:
        index = CorpusIndex(config)
        report = index.sync(paths, progress) if paths else SyncReport()
    if args.remove:
        removed = index.remove(args.remove)
        report.removed += removed.removed
        report.chunks = removed.chunks
    for warning in report.warnings:
        say(f"qa: warning: {warning}", sys.stderr)
    say(report.summary())
    return 0


def _open_index(settings: Settings):
    """The index, built first if empty: said on stderr, with a progress bar on a terminal."""
    from qa.pipeline import open_index

    return open_index(settings, notice=lambda line: say(line, sys.stderr), progress=sys.stderr.isatty())


def cmd_ask(args, settings: Settings) -> int:
    from qa.question import MAX_QUESTION_CHARS, clean_question

    # Read a little past the limit: enough to refuse an oversized question without holding it all.
    question = sys.stdin.read(MAX_QUESTION_CHARS * 4 + 1) if args.question == "-" else args.question
    question = clean_question(question)  # a bad question is refused before the models load
    from qa.pipeline import stream

    index = _open_index(settings)
    answer_stream = stream(question, settings=settings, index=index)
    if args.stream:  # only checked sentences arrive: nothing printed is taken back
        for text in answer_stream:
            say(text, end="")
        say()
    result = answer_stream.answer
    if args.json:
        say(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if result.note:
        say(f"qa: note: {result.note}", sys.stderr)
    if result.rejected:
        removed = len(result.rejected)
        say(f"qa: note: {removed} sentence{'s' * (removed > 1)} of the model removed, not supported by "
            f"{'their sources' if removed > 1 else 'its source'}: "
            + "; ".join(f"“{r.text}” ({r.reason})" for r in result.rejected), sys.stderr)
    if not args.stream:
        say(result.text)
    if result.citations:
        say("\nSources:")
    for c in result.citations:
        say(f"[{c.n}] {c.title} ({c.date or 'undated'}) {Path(c.source).name}:{c.start}-{c.end}")
        quoted = " ".join(c.text.split())
        say(f"    {quoted}" if quoted[:1] in "“\"‘" else f"    “{quoted}”")  # a quote is not quoted twice
    return 0


def cmd_serve(args, settings: Settings) -> int:
    from ui.server import serve

    serve(settings, host=args.host, port=args.port, no_auth=args.no_auth, watch=args.watch,
          report=lambda line: say(line, sys.stderr))
    return 0


def cmd_eval(args, settings: Settings) -> int:
    from qa import evaluate
    from qa.pipeline import answer

    sets = {name: evaluate.load(name) for name in args.files}  # refuse a bad file before any work
    index = _open_index(settings)
    reports = {name: evaluate.summary(evaluate.run(items, lambda q: answer(q, settings=settings, index=index)))
               for name, items in sets.items()}
    if args.json:
        say(json.dumps(reports if len(reports) > 1 else reports[args.files[0]], indent=2))
    else:
        say("\n\n".join(f"{name}\n{evaluate.format_table(r)}" for name, r in reports.items()))
    return 0


COMMANDS = {"index": cmd_index, "ask": cmd_ask, "serve": cmd_serve, "eval": cmd_eval}

if __name__ == "__main__":
    sys.exit(main())
