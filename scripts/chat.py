"""Send messages to the Rasa REST channel and print the replies.

    python scripts/chat.py --sender me "hello" "yes" "For myself"

With no messages, reads lines from standard input (a tiny `rasa shell`).
"""
from __future__ import annotations

import argparse
import json
import sys
import urllib.request
import uuid


def send(url: str, sender: str, text: str, timeout: float = 30) -> list[dict]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def show(replies: list[dict]) -> None:
    if not replies:
        print("  (no reply)")
    for reply in replies:
        print("  bot:", reply.get("text", ""))
        for button in reply.get("buttons", []):
            print(f"       [{button['title']}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("messages", nargs="*")
    parser.add_argument("--url", default="http://127.0.0.1:5005/webhooks/rest/webhook")
    parser.add_argument("--sender", default=None, help="conversation id (default: a new one)")
    args = parser.parse_args()
    sender = args.sender or uuid.uuid4().hex
    print(f"conversation: {sender}")
    lines = args.messages or (line.rstrip("\n") for line in sys.stdin)
    for text in lines:
        print("you:", text)
        show(send(args.url, sender, text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
