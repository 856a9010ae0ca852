"""Command line.

    python -m bot record <id or reference>   print a conversation's record as JSON
    python -m bot db upgrade                 create or update the database schema
    python -m bot serve                      run the gateway, the Rasa server and the action server
    python -m bot gateway                    run only the web gateway
    python -m bot directory import <path>    import Open Referral UK services (file or folder)
    python -m bot directory phrases <file>   load what people say when each service would help (YAML)
    python -m bot safety train               train the safety detector's meaning layer (make train does)
    python -m bot safety check <text>        what the safety detector finds in a message, layer by layer
    python -m bot sections train             train the section reader on sections/training/ (make train does)
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bot import config


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    record = commands.add_parser("record", help="print a conversation's record as JSON")
    record.add_argument("conversation", help="conversation id or reference (ABCD-EFGH)")
    db = commands.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade"], help="apply Alembic migrations")
    serve = commands.add_parser("serve", help="run the gateway, the Rasa server and the action server")
    serve.add_argument("--model", default=str(config.ROOT / "models" / "current.tar.gz"))
    serve.add_argument("--port", type=int, default=8000, help="the web gateway's port")
    serve.add_argument("--rasa-port", type=int, default=5005)
    serve.add_argument("--action-port", type=int, default=5055)
    gateway = commands.add_parser("gateway", help="run the web gateway")
    gateway.add_argument("--host", default="127.0.0.1")
    gateway.add_argument("--port", type=int, default=8000)
    gateway.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    gateway.add_argument("--action-url", default="http://127.0.0.1:5055")
    directory = commands.add_parser("directory", help="the community directory")
    directory_commands = directory.add_subparsers(dest="directory_command", required=True)
    load = directory_commands.add_parser("import", help="import ORUK service JSON (a file or a folder of files)")
    load.add_argument("path", type=Path)
    load.add_argument("--quiet", action="store_true", help="print only the summary and rejections")
    phrases = directory_commands.add_parser(
        "phrases", help="load the phrases written for each service (YAML: service id -> list of phrases)")
    phrases.add_argument("path", type=Path)
    phrases.add_argument("--quiet", action="store_true", help="print only the summary and rejections")
    sections = commands.add_parser("sections", help="the section reader (which section an answer belongs to)")
    sections.add_subparsers(dest="sections_command", required=True).add_parser(
        "train", help="train it on sections/training/")
    safety = commands.add_parser("safety", help="the safety detector")
    safety_commands = safety.add_subparsers(dest="safety_command", required=True)
    safety_commands.add_parser("train", help="train the meaning layer on safety/training/ (not the held-out writers)")
    check = safety_commands.add_parser("check", help="run the detector on a message")
    check.add_argument("text")
    args = parser.parse_args(argv)

    if args.command == "safety":
        return safety_command(args)
    if args.command == "sections":
        return sections_command()

    if args.command == "directory" and args.directory_command == "phrases":
        return import_phrases(args.path, args.quiet)
    if args.command == "directory":
        return import_directory(args.path, args.quiet)
    if args.command == "gateway":
        from bot.gateway.app import GatewaySettings, run

        run(args.host, args.port, GatewaySettings(rasa_url=args.rasa_url, action_url=args.action_url))
        return 0
    if args.command == "serve":
        from bot.directory.embedding import EmbeddingModelError, encoder
        from bot.directory.matching import LexiconError, load_lexicon
        from bot.serve import serve as run_servers

        from bot.interview import reader
        from bot.safety.detector import check_model
        from bot.safety.meaning import MeaningModelError

        try:  # the links stage, the safety detector and the interview need these: a broken file stops the start
            load_lexicon()
            encoder()
            check_model()
            reader.check_model()
        except (LexiconError, EmbeddingModelError, MeaningModelError, reader.ReaderModelError) as error:
            print(f"ERROR: {error}", file=sys.stderr)
            return 2
        return run_servers(args.model, args.rasa_port, args.action_port, args.port)

    if args.command == "db":
        from bot.store import migrate

        migrate()
        print(f"database is up to date: {_safe_url(config.database_url())}")
        return 0

    from bot.store import get_store, repository
    from bot.store.record import build_record

    with get_store().transaction() as session:
        conversation_id = args.conversation
        by_reference = session.execute(repository.select_conversation_by_reference(conversation_id)).scalar_one_or_none()
        if by_reference is not None:
            conversation_id = by_reference.id
        record = build_record(session, conversation_id)
    if record is None:
        print(f"no conversation with id or reference {args.conversation!r}", file=sys.stderr)
        return 1
    print(json.dumps(record, indent=2, ensure_ascii=False))
    return 0


def sections_command() -> int:
    from bot.directory.embedding import EmbeddingModelError, encoder
    from bot.interview import reader

    try:
        started = time.perf_counter()
        model = reader.train(config.ROOT, encoder(), lambda line: print(line, flush=True))
        reader.save(model, config.section_reader_path())
    except (reader.ReaderModelError, EmbeddingModelError, OSError, ValueError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    print(f"section reader trained in {time.perf_counter() - started:.0f} s: {config.section_reader_path()}")
    return 0


def safety_command(args) -> int:
    from bot.directory.embedding import EmbeddingModelError, encoder
    from bot.safety import meaning
    from bot.safety.corpus import CorpusError

    if args.safety_command == "check":
        from bot.safety.detector import detector

        print(json.dumps(detector().detect(args.text).as_dict(), indent=2))
        return 0
    try:
        started = time.perf_counter()
        model = meaning.train(config.ROOT, encoder(), lambda line: print(line, flush=True))
        meaning.save(model, config.safety_model_path())
    except (CorpusError, EmbeddingModelError, OSError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    print(f"safety meaning layer trained in {time.perf_counter() - started:.0f} s: {config.safety_model_path()}")
    return 0


def import_directory(path: Path, quiet: bool) -> int:
    from bot.directory.embedding import EmbeddingModelError
    from bot.directory.importer import FeedError, import_feed
    from bot.store import get_store

    def vector_progress(done: int, total: int) -> None:
        if not quiet:
            print(f"meaning vectors: {done} of {total} services", flush=True)

    return _run_import("directory import", path, quiet, (FeedError, EmbeddingModelError),
                       lambda progress: import_feed(get_store(), path, progress, vector_progress))


def import_phrases(path: Path, quiet: bool) -> int:
    from bot.directory.embedding import EmbeddingModelError, encoder
    from bot.directory.phrases import PhrasesError, import_phrases as load
    from bot.store import get_store

    def vector_progress(done: int, total: int) -> None:
        if not quiet:
            print(f"meaning vectors: {done} of {total} new phrases", flush=True)

    return _run_import("directory phrases", path, quiet, (PhrasesError, EmbeddingModelError),
                       lambda progress: load(get_store(), path, encoder(), progress, vector_progress))


def _run_import(label: str, path: Path, quiet: bool, errors: tuple, run) -> int:
    """Run an import, printing each record's outcome (only rejections when quiet) and a
    summary: exit 0, 1 if anything was rejected, 2 if the file could not be read."""
    def progress(where: str, outcome: str) -> None:
        if not quiet or outcome == "rejected":
            print(f"{outcome:>9}  {where}", flush=True)

    try:
        report = run(progress)
    except errors as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    for where, why in report.rejected:
        print(f"REJECTED {where}: {why}", file=sys.stderr)
    for where, why in getattr(report, "warnings", []):
        print(f"WARNING  {where}: {why}", file=sys.stderr)
    print(f"{label} from {path}: {report.summary()}")
    return 1 if report.rejected else 0


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    sys.exit(main())
