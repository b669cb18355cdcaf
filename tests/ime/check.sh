#!/usr/bin/env bash
# Japanese input through a real input method, as the desk types it: Xvfb + openbox, a D-Bus
# session, ibus-daemon (XIM) with Mozc (mozc-jp), and madoguchi; romaji typed with xdotool.
# Not part of `cargo test`; run by hand or by .ci/run when ibus-mozc is installed.
#
#   tests/ime/check.sh [path/to/madoguchi]      (default: target/debug/madoguchi)
#
# Checks, each printed as ok/FAIL (exit 1 on any FAIL):
#   1. the candidate window opens below the member search field, not on it;
#   2. typing やまだ at 40 ms a key, the live search shows the member every time (TRIALS=10);
#      (IME_STRICT is no longer needed: the lag it excused is worked around, docs/ime.md);
#   3. a composition left by clicking another field leaves nothing behind in the field;
#   4. in the new-member window, the candidates open below the name field and what the IME
#      commits (name, furigana, full-width phone digits) is what is saved;
#   5. the cancel reason in the session panel: candidates below it, the committed reason
#      recorded;
# Screenshots are kept in $IME_OUT (default: a temporary folder, printed at the end).
#
# mozc_server refuses to run as root: as root, the script runs itself as `nobody` (or
# $IME_USER) with a home of its own in the temporary folder.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ "${1:-}" != "--inside" ]; then
    bin="$(realpath "${1:-${CARGO_TARGET_DIR:-$root/target}/debug/madoguchi}")"
    [ -x "$bin" ] || { echo "no madoguchi binary at $bin (cargo build first)" >&2; exit 2; }
    for tool in Xvfb openbox dbus-run-session ibus-daemon ibus xdotool xwininfo import convert; do
        command -v "$tool" >/dev/null || { echo "missing $tool (ibus-mozc xvfb openbox xdotool x11-utils imagemagick dbus)" >&2; exit 2; }
    done
    work="$(mktemp -d /tmp/madoguchi-ime.XXXXXX)"
    chmod 755 "$work"
    out="${IME_OUT:-$work/screenshots}"
    mkdir -p "$work/home" "$work/run" "$out"
    chmod 700 "$work/run"
    # The binary is copied: a shared target folder may be rebuilt while the check runs.
    cp "$bin" "$work/madoguchi"
    if [ "$(id -u)" = 0 ]; then
        user="${IME_USER:-nobody}"
        chown -R "$user" "$work" "$out"
        runuser -u "$user" -- env PATH="$PATH" MADOGUCHI_IME_TRACE="${MADOGUCHI_IME_TRACE:-}" IME_TRACE="${IME_TRACE:-}" IME_STRICT="${IME_STRICT:-}" TRIALS="${TRIALS:-10}" bash ${IME_TRACE:+-x} "$here/check.sh" --inside "$work" "$out"
    else
        env TRIALS="${TRIALS:-10}" bash ${IME_TRACE:+-x} "$here/check.sh" --inside "$work" "$out"
    fi
    status=$?
    echo "screenshots: $out"
    exit $status
fi

# --- as the unprivileged user ------------------------------------------------------------
work="$2"
out="$3"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/run" XDG_CONFIG_HOME="$work/home/.config" LANG=C.UTF-8
app="$work/madoguchi"
db="$work/madoguchi.sqlite3"

if [ "${4:-}" != "--session" ]; then
    # A display of our own: Xvfb picks a free number and writes it to the pipe.
    exec 5<> <(:)
    Xvfb -displayfd 5 -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
    xvfb=$!
    read -r -t 20 display <&5 || { echo "Xvfb did not start" >&2; kill "$xvfb"; exit 2; }
    set +e
    DISPLAY=":$display" dbus-run-session -- bash ${IME_TRACE:+-x} "$0" --inside "$work" "$out" --session
    status=$?
    kill "$xvfb" 2>/dev/null
    exit $status
fi

# --- inside the D-Bus session --------------------------------------------------------------
pids=()
cleanup() {
    ibus exit >/dev/null 2>&1 || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

openbox >"$work/openbox.log" 2>&1 &
pids+=($!)
# Mozc starts in direct (alphanumeric) mode unless told otherwise; the desk's Japanese
# mode is what is being checked, so it starts in hiragana here.
mkdir -p "$XDG_CONFIG_HOME/mozc"
cat >"$XDG_CONFIG_HOME/mozc/ibus_config.textproto" <<'EOF'
engines {
  name : "mozc-jp"
  longname : "Mozc"
  layout : "default"
  layout_variant : ""
  layout_option : ""
  rank : 80
}
active_on_launch: True
EOF
ibus-daemon --xim --panel=disable --replace >"$work/ibus.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    if ibus engine mozc-jp 2>/dev/null && [ "$(ibus engine 2>/dev/null)" = mozc-jp ]; then break; fi
    sleep 0.2
done
[ "$(ibus engine)" = mozc-jp ] || { echo "ibus did not take the mozc-jp engine" >&2; exit 2; }
"$app" --db "$db" member add --number 1234 --name "山田 花子" --kana "やまだ はなこ" --phone 044-863-8444 >/dev/null

XMODIFIERS=@im=ibus "$app" --db "$db" >"$work/madoguchi.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do xdotool getactivewindow >/dev/null 2>&1 && break; sleep 0.2; done
sleep 3

failures=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
shot() { mark "shot $1"; import -window root "$out/$1.png"; }
# With MADOGUCHI_IME_TRACE=1 the program traces its IME input to madoguchi.log (kept in
# $IME_OUT) and the script marks what it does in marks.log, both in ms since 1970.
mark() { if [ "${MADOGUCHI_IME_TRACE:-}" = 1 ]; then echo "mark $(date +%s%3N) $*" >>"$out/marks.log"; fi; }
# The focused field's frame: the rows of column $1 drawn in the focus colour, first and last.
field_rows() { convert "$out/$2.png" -crop "1x400+$1+100" +repage txt:- | awk -F'[,: ]+' '/#00537D/ {print $2 + 100}' | sed -n '1p;$p' | tr '\n' ' '; }
# The candidate window Mozc shows (its renderer's one visible window), as "x y w h".
candidates() {
    xwininfo -root -tree | awk '/mozc_renderer/ {print $1}' | while read -r id; do
        info="$(xwininfo -id "$id")"
        if grep -q "IsViewable" <<<"$info"; then
            awk '/Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF} /Width/ {w=$NF} /Height/ {h=$NF} END {print x, y, w, h}' <<<"$info"
        fi
    done | awk '$3 > 20 && $4 > 20' | head -1
}
# Whether the member search lists 山田 花子: its row is drawn in the selection blue, 8 px
# below the search field (whose bottom check 1 measures: the toolbar's height varies).
member_listed() {
    convert "$out/$1.png" -crop "200x20+190+$((search_bottom + 8))" +repage -fuzz 12% -fill black -opaque "srgb(144,209,255)" \
        -fill white +opaque black -negate -format "%[fx:mean>0.5]" info:
}

# 1. Candidates below the text.
xdotool key ctrl+n
sleep 1
xdotool type --delay 150 yamada
sleep 1.5
shot 1-candidates
read -r field_top field_bottom <<<"$(field_rows 300 1-candidates)"
search_top="${field_top:-152}" search_bottom="${field_bottom:-174}"
read -r cx cy cw ch <<<"$(candidates || true)"
if [ -z "${cy:-}" ]; then
    fail "1 no candidate window seen (is Mozc in hiragana mode?)"
# The caret line ends 1.5 px inside the field's frame (egui pads the caret by 1.5 px).
elif [ "$cy" -ge $((field_bottom - 2)) ]; then
    ok "1 candidates at y=$cy (${cw}x$ch), below the search field (y=$field_top..$field_bottom)"
else
    fail "1 candidates at y=$cy cover the search field (y=$field_top..$field_bottom)"
fi
xdotool key Escape Escape
sleep 0.5

# 2. Fast typing: the search follows the IME's last preedit.
listed=0
for trial in $(seq "$TRIALS"); do
    xdotool key ctrl+n
    sleep 0.6
    xdotool key ctrl+a BackSpace
    sleep 0.3
    mark "trial $trial: typing yamada"
    xdotool type --delay 40 yamada
    mark "trial $trial: typed"
    sleep 1.2
    shot "2-fast-$trial"
    if [ "$(member_listed "2-fast-$trial")" = 1 ]; then listed=$((listed + 1)); fi
    xdotool key Escape Escape
    # Time for the IME to answer both Escapes before Ctrl+N: keys typed while it still
    # holds the one that closes the form can be lost (docs/ime.md, "Keys lost when the
    # form closes"); that is not what this check measures.
    sleep 1
done
if [ "$listed" = "$TRIALS" ]; then
    ok "2 typed fast, the member was listed in $listed of $TRIALS trials"
else
    fail "2 typed fast, the member was listed in only $listed of $TRIALS trials (see 2-fast-*.png)"
fi

# 3. Leaving mid-composition: click the theme field while やまｄ is composed.
xdotool key ctrl+n
sleep 0.6
xdotool key ctrl+a BackSpace
sleep 0.3
xdotool type --delay 100 yamad
sleep 0.8
xdotool mousemove 300 440 click 1
sleep 1
shot 3-left-mid-composition
# The search field is empty again: its hint is drawn, and no member line is listed.
if [ "$(member_listed 3-left-mid-composition)" = 0 ] \
    && [ "$(convert "$out/3-left-mid-composition.png" -crop "150x18+12+$((search_top + 3))" +repage -format '%[fx:minima.r<0.3]' info:)" = 0 ]; then
    ok "3 nothing left in the search field after leaving it mid-composition"
else
    fail "3 text left in the search field after leaving it mid-composition (see 3-left-mid-composition.png)"
fi
# 4. The new-member window: candidates below its name field, and what the IME commits at
# 40 ms a key is what is saved (read back through the command line).
xdotool key Escape
sleep 1
# 「会員の登録」 in the toolbar: found on the screen by the window's own layout at 1366 wide.
# The window opens with the cursor in the name (the number is suggested).
xdotool mousemove 420 35 click 1
sleep 1.2
xdotool type --delay 40 yamada
sleep 1.2
shot 4-new-member
read -r name_top name_bottom <<<"$(field_rows 700 4-new-member)"
read -r cx cy cw ch <<<"$(candidates || true)"
if [ -z "${cy:-}" ] || [ -z "${name_bottom:-}" ]; then
    fail "4 no candidate window or no focused name field in the new-member window (see 4-new-member.png)"
elif [ "$cy" -ge $((name_bottom - 2)) ]; then
    ok "4 candidates at y=$cy below the new member's name field (y=$name_top..$name_bottom)"
else
    fail "4 candidates at y=$cy cover the new member's name field (y=$name_top..$name_bottom)"
fi
# Convert and commit 山田, then the furigana and a phone number typed in Japanese mode
# (full-width digits), each field at 40 ms a key, and save with Enter.
xdotool key space
sleep 0.5
xdotool key Return
sleep 1
xdotool key Tab
sleep 1
xdotool type --delay 40 yamada
sleep 0.5
xdotool key Return
sleep 1
xdotool key Tab
sleep 1
xdotool type --delay 40 0448638445
sleep 0.5
xdotool key Return
sleep 1
shot 4-typed
# Enter in a field, with nothing being composed, saves the member.
xdotool key Return
sleep 1.5
shot 4-saved
found="$("$app" --db "$db" member find 0448638445 2>&1 || true)"
if grep -q $'\t山田\tやまだ\t044-863-8445' <<<"$found"; then
    ok "4 the new member was saved as typed: $(tr '\t' ' ' <<<"$found")"
else
    fail "4 the new member was not saved as typed: '$found' (see 4-saved.png)"
fi
# 5. The cancel reason, in the session panel: candidates below it, and the reason the IME
# commits is the one recorded (read back from the member's disclosure file).
xdotool key Escape
sleep 1
booked=""
for weeks in 1 2 3 4; do
    wednesday="$(date -d "next wednesday + $((weeks * 7)) days" +%Y%m%d)"
    if booked="$("$app" --db "$db" book --member 1234 --service ishii --date "$(date -d "$wednesday" +%F)" \
        --start 11:00 --minutes 30 2>/dev/null)"; then
        break
    fi
done
if [ -z "$booked" ]; then
    fail "5 could not book a consultation to cancel"
else
    # Positions below the toolbar move with its height (a second line on a narrow screen):
    # measured from the search field's top, 173 with a one-line toolbar.
    dy=$((search_top - 173))
    # The week of that Wednesday: its date typed into the week's date box (digits, which
    # Japanese mode makes full-width; the box reads them), Enter to commit, Enter to go.
    xdotool mousemove 375 $((65 + dy)) click 1
    sleep 0.5
    xdotool type --delay 40 "$wednesday"
    sleep 0.5
    xdotool key Return
    sleep 0.5
    xdotool key Return
    sleep 1.2
    # Only Wednesday has sessions: its column is the widest; the 11:00 block, the member.
    xdotool mousemove 545 $((360 + dy)) click 1
    sleep 1.2
    xdotool mousemove 1175 $((220 + dy)) click 1
    sleep 1.2
    xdotool mousemove 1157 $((345 + dy)) click 1
    sleep 0.5
    xdotool type --delay 40 kaze
    sleep 1.2
    shot 5-cancel-reason
    read -r reason_top reason_bottom <<<"$(field_rows 1157 5-cancel-reason)"
    read -r cx cy cw ch <<<"$(candidates || true)"
    if [ -z "${cy:-}" ] || [ -z "${reason_bottom:-}" ]; then
        fail "5 no candidate window or no focused cancel reason (see 5-cancel-reason.png)"
    elif [ "$cy" -ge $((reason_bottom - 2)) ]; then
        ok "5 candidates at y=$cy below the cancel reason (y=$reason_top..$reason_bottom)"
    else
        fail "5 candidates at y=$cy cover the cancel reason (y=$reason_top..$reason_bottom)"
    fi
    xdotool key space
    sleep 0.5
    xdotool key Return
    sleep 1
    shot 5-reason-typed
    # 「キャンセルする」, under the reason.
    xdotool mousemove 1017 $((375 + dy)) click 1
    sleep 1.5
    shot 5-cancelled
    "$app" --db "$db" member export 1234 --out "$work/disclosure.csv" >/dev/null 2>&1 || true
    # Mozc's first conversion of かぜ (風 or 風邪, by its dictionary) is what is recorded.
    if grep -q "風" "$work/disclosure.csv" 2>/dev/null; then
        ok "5 the booking was cancelled with the reason typed through the IME: $(grep -o '風[邪]*' "$work/disclosure.csv" | head -1)"
    else
        fail "5 the cancel reason typed through the IME was not recorded (see 5-*.png)"
    fi
fi
cp "$work/madoguchi.log" "$out/" 2>/dev/null || true
[ "$failures" = 0 ]
