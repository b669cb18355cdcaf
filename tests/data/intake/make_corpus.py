#!/usr/bin/env python3
"""Writes the intake corpus: request mails as members' mail programs send them, each
with the reading a person at the desk would make of it (NAME.expected).

The members, addresses and texts are invented. Run from this folder:
    python3 make_corpus.py
The .eml and .expected files are committed; this script is how they were made, so a new
case is one entry below.
"""
import base64
import quopri
from email.header import Header

ORG = "info@kosugipluscare.com"


def enc_header(text, charset):
    if all(ord(c) < 128 for c in text):
        return text
    return Header(text, charset).encode()


def jis(text):
    """ISO-2022-JP as Japanese mail programs write it (CP50220): JIS X 0208 plus the NEC
    row that holds ①..⑳, which Python's own iso2022_jp codec refuses."""
    out = bytearray()
    kanji = False
    for ch in text:
        if ord(ch) < 128:
            if kanji:
                out += b"\x1b(B"
                kanji = False
            out += ch.encode("ascii")
            continue
        s1, s2 = ch.encode("cp932")
        if not kanji:
            out += b"\x1b$B"
            kanji = True
        # Shift_JIS to JIS X 0208 row and cell.
        s1 = (s1 - 0x40 if s1 >= 0xE0 else s1) - 0x81
        row = s1 * 2 + 0x21
        s2 = s2 - 1 if s2 >= 0x80 else s2
        if s2 >= 0x9E:
            row, cell = row + 1, s2 - 0x9E + 0x21
        else:
            cell = s2 - 0x40 + 0x21
        out += bytes([row, cell])
    if kanji:
        out += b"\x1b(B"
    return bytes(out)


def body_bytes(text, charset, cte):
    text = text.replace("\n", "\r\n")
    if charset == "iso-2022-jp":
        raw = jis(text)
    elif charset == "shift_jis":
        raw = text.encode("cp932")
    else:
        raw = text.encode(charset)
    if cte == "base64":
        return base64.encodebytes(raw).decode("ascii").replace("\n", "\r\n")
    if cte == "quoted-printable":
        return quopri.encodestring(raw).decode("ascii").replace("\r\n", "\n").replace("\n", "\r\n")
    return raw.decode("latin-1")


def html_of(text):
    lines = "".join(f"<div>{l if l else '<br>'}</div>" for l in text.split("\n"))
    return f"<html><head><meta charset=\"utf-8\"></head><body><div dir=\"ltr\">{lines}</div></body></html>"


def part(ctype, text, charset, cte):
    return (f"Content-Type: {ctype}; charset=\"{charset}\"\r\nContent-Transfer-Encoding: {cte}\r\n\r\n"
            + body_bytes(text, charset, cte) + "\r\n")


def build(case):
    shape = case["shape"]
    sender_name, sender = case["from"]
    charset = case.get("charset", "utf-8")
    cte = case.get("cte", "base64")
    headers = [
        "Return-Path: <%s>" % sender,
        "Received: from mx.example.net (mx.example.net [192.0.2.10]) by mail.kosugipluscare.com; %s" % case["date"],
        "From: %s <%s>" % (enc_header(sender_name, charset if charset != "shift_jis" else "iso-2022-jp"), sender),
        "To: %s" % ORG,
        "Subject: %s" % enc_header(case["subject"], charset if charset != "shift_jis" else "iso-2022-jp"),
        "Date: %s" % case["date"],
        "Message-ID: <%s>" % case["mid"],
        "MIME-Version: 1.0",
    ]
    if "reply_to_mid" in case:
        headers.append("In-Reply-To: <%s>" % case["reply_to_mid"])
        headers.append("References: <%s>" % case["reply_to_mid"])
    body = case["body"]
    if shape == "gmail":
        b = "000000000000a1b2c3d4e5f6" + case["mid"][:6]
        headers.append('Content-Type: multipart/alternative; boundary="%s"' % b)
        out = "\r\n".join(headers) + "\r\n\r\n"
        out += "--%s\r\n" % b + part("text/plain", body, charset, cte)
        out += "--%s\r\n" % b + part("text/html", html_of(body), "utf-8", "quoted-printable")
        out += "--%s--\r\n" % b
    elif shape == "outlook":
        b = "_000_TYCPR01MB" + case["mid"][:8] + "_"
        headers.insert(0, "Thread-Topic: %s" % enc_header(case["subject"], "utf-8"))
        headers.append("X-Mailer: Microsoft Outlook 16.0")
        headers.append("Content-Language: ja-JP")
        headers.append('Content-Type: multipart/alternative; boundary="%s"' % b)
        out = "\r\n".join(headers) + "\r\n\r\n"
        out += "--%s\r\n" % b + part("text/plain", body, charset, cte)
        out += "--%s\r\n" % b + part("text/html", html_of(body), charset, cte)
        out += "--%s--\r\n" % b
    elif shape == "iphone":
        headers.append("X-Mailer: iPhone Mail (22B91)")
        headers.append("Content-Type: text/plain; charset=%s" % charset)
        headers.append("Content-Transfer-Encoding: %s" % cte)
        out = "\r\n".join(headers) + "\r\n\r\n" + body_bytes(body, charset, cte)
    elif shape == "carrier":
        headers.append("Content-Type: text/plain; charset=%s" % ("Shift_JIS" if charset == "shift_jis" else "ISO-2022-JP"))
        headers.append("Content-Transfer-Encoding: %s" % cte)
        out = "\r\n".join(headers) + "\r\n\r\n" + body_bytes(body, charset, cte)
    elif shape == "html":
        headers.append("Content-Type: text/html; charset=utf-8")
        headers.append("Content-Transfer-Encoding: quoted-printable")
        out = "\r\n".join(headers) + "\r\n\r\n" + body_bytes(html_of(body), "utf-8", "quoted-printable")
    elif shape == "attachment":
        b = "----=_Part_4412_" + case["mid"][:6]
        headers.append('Content-Type: multipart/mixed; boundary="%s"' % b)
        out = "\r\n".join(headers) + "\r\n\r\n"
        out += "--%s\r\n" % b + part("text/plain", body, charset, cte)
        out += ("--%s\r\nContent-Type: image/jpeg; name=\"card.jpg\"\r\nContent-Disposition: attachment; "
                "filename=\"card.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" % b)
        out += base64.encodebytes(b"\xff\xd8\xff\xe0" + bytes(range(200)) + b"\xff\xd9").decode("ascii").replace("\n", "\r\n")
        out += "--%s--\r\n" % b
    else:
        raise ValueError(shape)
    return out.encode("latin-1")


def expected(case):
    e = case["expect"]
    lines = []
    for key in ["kind", "number", "name", "address", "date", "hours", "theme", "sure"]:
        if key in e:
            lines.append("%s: %s" % (key, e[key]))
    return "\n".join(lines) + "\n"


from cases import CASES  # noqa: E402

for case in CASES:
    with open(case["name"] + ".eml", "wb") as f:
        f.write(build(case))
    with open(case["name"] + ".expected", "w", encoding="utf-8") as f:
        f.write(expected(case))
print(len(CASES), "mails")
