"""The held-out intake corpus: mails written before the reader was read.

Each case is a member (or a relative, or a machine) writing to the desk the way they
would, in the shape their mail program gives: Gmail (multipart/alternative, UTF-8 base64
+ HTML), Outlook (ISO-2022-JP text + quoted-printable HTML with <o:p>), iPhone
(UTF-8 quoted-printable), Thunderbird (UTF-8 8bit), Japanese carrier mail (docomo
Shift_JIS base64, softbank Shift_JIS 8bit, au ISO-2022-JP 7bit), HTML only.

Run `python3 make_unseen.py` here to regenerate the .eml and .expected files.
The expected reading is what a careful person at the desk would write down.
"""

import base64
import os

G = "group"
C = "consultation"
D = "doctor_mail"
O = "other"

HERE = os.path.dirname(os.path.abspath(__file__))
ORG = "info@kosugipluscare.com"


# --- encodings ---------------------------------------------------------------------

def sjis_to_jis(b1, b2):
    """One Shift_JIS (cp932) double byte to its JIS row/cell pair: how Outlook and the
    carriers put NEC row 13 (①②③) and ～ into ISO-2022-JP."""
    if b1 >= 0xE0:
        b1 -= 0x40
    row = (b1 - 0x81) * 2 + 0x21
    if b2 >= 0x9F:
        return row + 1, b2 - 0x9F + 0x21
    if b2 >= 0x80:
        b2 -= 1
    return row, b2 - 0x40 + 0x21


def jis(text):
    out = bytearray()
    mode = "ascii"
    for ch in text:
        if ord(ch) < 0x80:
            if mode != "ascii":
                out += b"\x1b(B"
                mode = "ascii"
            out += ch.encode("ascii")
            continue
        try:
            pair = ch.encode("iso2022_jp")[3:5]
        except UnicodeEncodeError:
            s = ch.encode("cp932")
            pair = bytes(sjis_to_jis(s[0], s[1]))
        if mode != "kanji":
            out += b"\x1b$B"
            mode = "kanji"
        out += pair
    if mode != "ascii":
        out += b"\x1b(B"
    return bytes(out)


def jis_text(text):
    return b"\r\n".join(jis(line) for line in text.split("\n"))


def charset_bytes(text, charset):
    if charset == "utf-8":
        return text.replace("\n", "\r\n").encode("utf-8")
    if charset == "shift_jis":
        return text.replace("\n", "\r\n").encode("cp932")
    if charset == "iso-2022-jp":
        return jis_text(text)
    raise ValueError(charset)


def qp(data):
    """Quoted-printable of bytes whose lines end in CRLF, soft-wrapped at 76."""
    lines = data.split(b"\r\n")
    out = []
    for line in lines:
        enc = []
        for i, byte in enumerate(line):
            c = bytes([byte])
            if byte == 0x3D or byte < 0x20 or byte > 0x7E:
                enc.append("=%02X" % byte)
            elif byte in (0x20, 0x09) and i == len(line) - 1:
                enc.append("=%02X" % byte)
            else:
                enc.append(c.decode("ascii"))
        cur = ""
        for token in enc:
            if len(cur) + len(token) > 75:
                out.append(cur + "=")
                cur = ""
            cur += token
        out.append(cur)
    return "\r\n".join(out)


def b64(data):
    s = base64.b64encode(data).decode("ascii")
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def encode_body(text, charset, cte):
    raw = charset_bytes(text, charset)
    if cte == "base64":
        return b64(raw).encode("ascii")
    if cte == "quoted-printable":
        return qp(raw).encode("ascii")
    return raw  # 7bit / 8bit


def enc_header(text, charset):
    """RFC 2047 encoded words, a few characters each so no word is over-long."""
    if all(ord(c) < 0x80 for c in text):
        return text
    words = []
    for i in range(0, len(text), 12):
        chunk = text[i:i + 12]
        if charset == "iso-2022-jp":
            words.append("=?ISO-2022-JP?B?%s?=" % base64.b64encode(jis(chunk)).decode())
        elif charset == "shift_jis":
            words.append("=?Shift_JIS?B?%s?=" % base64.b64encode(chunk.encode("cp932")).decode())
        else:
            words.append("=?UTF-8?B?%s?=" % base64.b64encode(chunk.encode("utf-8")).decode())
    return "\r\n ".join(words)


def addr(name, email, charset):
    if not name:
        return email
    return "%s <%s>" % (enc_header(name, charset), email)


# --- HTML the way each program writes it ----------------------------------------------

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def gmail_html(text):
    body, quote = [], []
    head = None
    for line in text.split("\n"):
        if line.startswith(">"):
            quote.append(line[1:].lstrip())
        elif quote == [] and line.endswith(ORG + ">:"):
            head = line
        elif quote:
            pass
        else:
            body.append(line)
    divs = "".join("<div>%s</div>" % (esc(l) if l else "<br>") for l in body)
    html = '<div dir="ltr">%s</div>' % divs
    if head:
        q = "".join("%s<br>" % esc(l) for l in quote)
        html += ('<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">%s<br></div>'
                 '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
                 'border-left:1px solid rgb(204,204,204);padding-left:1ex">%s</blockquote></div>'
                 % (esc(head), q))
    return "<html><head><meta charset=\"utf-8\"></head><body>%s</body></html>\n" % html


def outlook_html(text, charset):
    paras = []
    for line in text.split("\n"):
        if line:
            paras.append('<p class=MsoNormal><span lang=JA style=\'font-family:"游ゴシック"\'>%s'
                         '<o:p></o:p></span></p>' % esc(line))
        else:
            paras.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">'
            '<head><meta http-equiv=Content-Type content="text/html; charset=%s">'
            '<meta name=Generator content="Microsoft Word 15 (filtered medium)">'
            '<style><!--\n/* Font Definitions */\np.MsoNormal, li.MsoNormal, div.MsoNormal\n'
            '\t{margin:0mm;\n\tfont-size:10.5pt;\n\tfont-family:"游ゴシック";}\n--></style></head>'
            '<body lang=JA link="#0563C1" vlink="#954F72" style=\'text-align:justify;text-justify:inter-ideograph\'>'
            '<div class=WordSection1>\n%s\n</div></body></html>\n' % (charset, "\n".join(paras)))


def plain_html(text):
    return "<html><body>\n%s\n</body></html>\n" % "\n".join(
        "<div>%s</div>" % (esc(l) if l else "<br>") for l in text.split("\n"))


# --- one mail -------------------------------------------------------------------------

def build(case):
    shape = case["shape"]
    charset = {"gmail": "utf-8", "outlook": "iso-2022-jp", "iphone": "utf-8", "thunderbird": "utf-8",
               "docomo": "shift_jis", "softbank": "shift_jis", "au": "iso-2022-jp", "html_only": "utf-8",
               "newsletter": "utf-8", "yahoo": "utf-8"}[shape]
    name, email = case["frm"]
    hcs = "iso-2022-jp" if charset == "iso-2022-jp" else ("shift_jis" if charset == "shift_jis" else "utf-8")
    date = case["date"]
    h = [
        "Return-Path: <%s>" % email,
        "Received: from mta.example.net (mta.example.net [198.51.100.7]) by mail.kosugipluscare.com; %s" % date,
        "From: %s" % addr(name, email, hcs),
        "To: %s" % ORG,
        "Subject: %s" % enc_header(case["subject"], hcs),
        "Date: %s" % date,
        "Message-ID: <%s>" % case["mid"],
    ]
    h += case.get("extra_headers", [])
    text = case["body"]
    boundary = "=_mp_" + case["mid"].split("@")[0].replace(".", "")
    if shape in ("gmail", "newsletter"):
        h.append("MIME-Version: 1.0")
        html = case.get("html") or gmail_html(text)
        h.append('Content-Type: multipart/alternative; boundary="%s"' % boundary)
        parts = [
            ('text/plain; charset="UTF-8"', "base64", text),
            ('text/html; charset="UTF-8"', "quoted-printable", html),
        ]
    elif shape == "outlook":
        h += ["MIME-Version: 1.0", "X-Mailer: Microsoft Outlook 16.0", "Thread-Index: AQHbP2x1c3Rvb2tsb29rAA==",
              "Content-Language: ja"]
        h.append('Content-Type: multipart/alternative; boundary="%s"' % boundary)
        parts = [
            ('text/plain; charset="iso-2022-jp"', "7bit", text),
            ('text/html; charset="iso-2022-jp"', "quoted-printable", outlook_html(text, "iso-2022-jp")),
        ]
    else:
        h.append("MIME-Version: 1.0")
        if shape == "iphone":
            h.append("X-Mailer: iPhone Mail (22B91)")
            parts = [("text/plain; charset=utf-8", "quoted-printable", text)]
        elif shape == "thunderbird":
            h.append("User-Agent: Mozilla Thunderbird")
            parts = [("text/plain; charset=UTF-8; format=flowed", "8bit", text)]
        elif shape == "docomo":
            parts = [("text/plain; charset=Shift_JIS", "base64", text)]
        elif shape == "softbank":
            parts = [("text/plain; charset=Shift_JIS", "8bit", text)]
        elif shape == "au":
            parts = [("text/plain; charset=ISO-2022-JP", "7bit", text)]
        elif shape == "html_only":
            parts = [("text/html; charset=UTF-8", "quoted-printable", plain_html(text))]
        elif shape == "yahoo":
            parts = [("text/plain; charset=UTF-8", "base64", text)]
        else:
            raise ValueError(shape)
    out = bytearray()
    if len(parts) == 1:
        ctype, cte, content = parts[0]
        cs = {"utf-8": "utf-8"}.get(charset, charset)
        h.append("Content-Type: %s" % ctype)
        h.append("Content-Transfer-Encoding: %s" % cte)
        out += ("\r\n".join(h) + "\r\n\r\n").encode("ascii")
        out += encode_body(content, cs, cte)
        out += b"\r\n"
    else:
        out += ("\r\n".join(h) + "\r\n\r\n").encode("ascii")
        for ctype, cte, content in parts:
            out += ("--%s\r\nContent-Type: %s\r\nContent-Transfer-Encoding: %s\r\n\r\n" % (boundary, ctype, cte)).encode("ascii")
            out += encode_body(content, charset, cte)
            out += b"\r\n\r\n"
        out += ("--%s--\r\n" % boundary).encode("ascii")
    return bytes(out)


def expected(case):
    e = case["expect"]
    lines = ["kind: %s" % e["kind"]]
    for key in ("number", "name", "address", "date", "hours", "theme"):
        if key in e:
            lines.append("%s: %s" % (key, e[key]))
    lines.append("sure: %s" % e["sure"])
    return "\n".join(lines) + "\n"


def main():
    from cases_unseen import CASES
    names = set()
    for case in CASES:
        assert case["name"] not in names, case["name"]
        names.add(case["name"])
        with open(os.path.join(HERE, case["name"] + ".eml"), "wb") as f:
            f.write(build(case))
        with open(os.path.join(HERE, case["name"] + ".expected"), "w", encoding="utf-8") as f:
            f.write(expected(case))
    print("%d mails written" % len(CASES))


if __name__ == "__main__":
    main()
