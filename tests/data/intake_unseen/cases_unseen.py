"""The held-out mails and what a person at the desk reads in each.

Dates: 2026-11-22 is a Sunday; 2026-11-25, 12-02, 12-09, 12-16 are Wednesdays.
Names are written as the member wrote them (a full-width space read as a space).
A group request without an address in its text has no `address` (the sender's is used).

`sure` follows the desk's policy as the first corpus (tests/data/intake) sets it, besides
what can be read: a reply to an earlier mail (it may change a booking rather than add one)
and a request for today's session (it must be handled before the 11:00 mail) are checked
by a person. u08, u09, u21 and u13 were first written `sure: yes`, before the reader and
the first corpus's expectations were read; they were changed to this policy afterwards,
and only their `sure` line.
"""

G = "group"
C = "consultation"
D = "doctor_mail"
O = "other"

CASES = [
    # --- the group session ------------------------------------------------------------
    dict(name="u01_gmail_fullwidth_tilde", shape="gmail", frm=("前田 節子", "setsuko.maeda55@gmail.com"),
         subject="オンライン保健室参加希望", date="Sun, 22 Nov 2026 19:40:12 +0900", mid="CAF7q2u01x@mail.gmail.com",
         body="プラスケアの皆様\n\nこんばんは。前田です。\n水曜日の保健室に参加したいと思います。\n\n"
              "①2051　前田節子\n②setsuko.maeda55@gmail.com\n③13時～14時30分\n\nどうぞよろしくお願いします。\n",
         expect=dict(kind=G, number="2051", name="前田節子", address="setsuko.maeda55@gmail.com",
                     date="2026-11-25", hours="13:00-14:30", sure="yes")),
    dict(name="u02_outlook_labels_signature", shape="outlook", frm=("村上 和夫", "k-murakami@example.ne.jp"),
         subject="オンライン保健室参加希望", date="Mon, 23 Nov 2026 10:05:33 +0900",
         mid="000001dc5a1b$2c3d4e50$85a6b7c8$@example.ne.jp",
         body="プラスケア　御中\n\nいつもお世話になっております。\n下記の通り申し込みます。\n\n"
              "会員番号：３０１７\n氏名：村上　和夫\nメールアドレス：k-murakami@example.ne.jp\n参加時間：最初から最後まで\n\n"
              "以上、よろしくお願いいたします。\n\n――――――――――――\n村上　和夫\n〒211-0063\n"
              "神奈川県川崎市中原区小杉町3-264-3\nTEL：044-722-1234\n携帯：090-3456-7890\n――――――――――――\n",
         expect=dict(kind=G, number="3017", name="村上 和夫", address="k-murakami@example.ne.jp",
                     date="2026-11-25", hours="13:00-15:00", sure="yes")),
    dict(name="u03_iphone_spaced_number_tomorrow", shape="iphone", frm=("青木トシ子", "toshiko.aoki@icloud.com"),
         subject="オンライン保健室参加希望", date="Tue, 24 Nov 2026 21:30:40 +0900", mid="5E1D7A20-U03@icloud.com",
         body="こんばんは\n会員番号　１２　０６　青木トシ子です\n明日の保健室、午後1時半〜参加します。\n"
              "メールはこのアドレスにお願いします。\n\niPhoneから送信\n",
         expect=dict(kind=G, number="1206", name="青木トシ子", date="2026-11-25", hours="13:30-15:00", sure="yes")),
    dict(name="u04_docomo_sjis_halfwidth_kana", shape="docomo", frm=(None, "kiyo.ogawa@docomo.ne.jp"),
         subject="ｵﾝﾗｲﾝ保健室参加希望", date="Thu, 26 Nov 2026 07:50:02 +0900", mid="u04.kiyo@docomo.ne.jp",
         body="ｵﾊﾖｳｺﾞｻﾞｲﾏｽ\n会員番号4420 小川ｷﾖ\nkiyo.ogawa@docomo.ne.jp\n2時から最後まで参加します\n",
         expect=dict(kind=G, number="4420", name="小川キヨ", address="kiyo.ogawa@docomo.ne.jp",
                     date="2026-12-02", hours="14:00-15:00", sure="yes")),
    dict(name="u05_au_jis_short", shape="au", frm=(None, "m-mori@ezweb.ne.jp"),
         subject="保健室参加希望", date="Fri, 27 Nov 2026 12:30:15 +0900", mid="u05.mori@ezweb.ne.jp",
         body="5102森正男\n1時から2時まで\n",
         expect=dict(kind=G, number="5102", name="森正男", date="2026-12-02", hours="13:00-14:00", sure="yes")),
    dict(name="u06_softbank_sjis_fullwidth_colons", shape="softbank", frm=(None, "miyoko-0303@i.softbank.jp"),
         subject="オンライン保健室参加希望", date="Sat, 28 Nov 2026 16:20:00 +0900", mid="u06.miyoko@i.softbank.jp",
         body="いつもありがとうございます\n会員番号　６６０３\n氏名　石川ミヨ子\nアドレス　miyoko-0303@i.softbank.jp\n"
              "時間　１３：３０～１４：３０\n",
         expect=dict(kind=G, number="6603", name="石川ミヨ子", address="miyoko-0303@i.softbank.jp",
                     date="2026-12-02", hours="13:30-14:30", sure="yes")),
    dict(name="u07_daughter_for_mother", shape="gmail", frm=("佐野 恵", "megumi.sano.1972@gmail.com"),
         subject="オンライン保健室参加希望（母の分です）", date="Thu, 26 Nov 2026 22:10:05 +0900",
         mid="CAF7q2u07x@mail.gmail.com",
         body="プラスケア様\n\n初めてご連絡いたします。会員の佐野君江の娘です。\n"
              "母はメールが使えないため、代わりに申し込みをさせていただきます。\n"
              "IDなどのご連絡は私のアドレスにお送りください。\n\n"
              "① 会員番号・氏名：2733 佐野君江\n② メールアドレス：megumi.sano.1972@gmail.com\n"
              "③ 参加時間：14:00頃から最後まで\n\nよろしくお願いいたします。\n\n佐野 恵\n090-8765-4321\n",
         expect=dict(kind=G, number="2733", name="佐野君江", address="megumi.sano.1972@gmail.com",
                     date="2026-12-02", hours="14:00-15:00", sure="yes")),
    dict(name="u08_outlook_original_message_below", shape="outlook", frm=("中島 進", "nakajima.susumu@example.co.jp"),
         subject="RE: 【プラスケア】オンライン保健室のご予約を承りました", date="Mon, 30 Nov 2026 09:02:44 +0900",
         mid="000001dc5f00$aa11bb22$cc33dd44$@example.co.jp",
         body="プラスケア　ご担当者様\n\nお世話になっております。中島です。\n今週の保健室も参加させてください。\n\n"
              "会員番号：1187　中島　進\nメール：nakajima.susumu@example.co.jp\n参加時間：13:00～14:00\n\n中島\n\n"
              "-----Original Message-----\nFrom: プラスケア <info@kosugipluscare.com> \n"
              "Sent: Tuesday, November 24, 2026 3:15 PM\nTo: 中島 進 <nakajima.susumu@example.co.jp>\n"
              "Subject: 【プラスケア】オンライン保健室のご予約を承りました\n\n中島　進　様\n\n"
              "オンライン保健室のご予約を承りました。\n\n日時：11月25日(水) 13:00～15:00\n"
              "当日11時までにIDとパスワードをお送りします。\n\n一般社団法人プラスケア\nTEL 044-863-8444\n",
         expect=dict(kind=G, number="1187", name="中島 進", address="nakajima.susumu@example.co.jp",
                     date="2026-12-02", hours="13:00-14:00", sure="no")),
    dict(name="u09_gmail_reply_quote_below", shape="gmail", frm=("松本 冨美子", "fumiko.matsumoto@gmail.com"),
         subject="Re: オンライン保健室参加希望", date="Sat, 28 Nov 2026 11:45:00 +0900", mid="CAF7q2u09x@mail.gmail.com",
         body="プラスケア様\n\n来週も参加させてください。\n時間は前回と同じく1時半から3時までです。\n"
              "会員番号1455 松本冨美子\nfumiko.matsumoto@gmail.com\n\n"
              "2026年11月20日(金) 10:02 プラスケア <info@kosugipluscare.com>:\n\n"
              "> 松本 冨美子 様\n>\n> オンライン保健室のご予約を承りました。\n> 日時：11月25日(水) 13:30〜15:00\n"
              "> 当日11時までにIDとパスワードをお送りします。\n>\n> 一般社団法人プラスケア\n",
         expect=dict(kind=G, number="1455", name="松本冨美子", address="fumiko.matsumoto@gmail.com",
                     date="2026-12-02", hours="13:30-15:00", sure="no")),
    dict(name="u10_html_only_leading_zero", shape="html_only", frm=("井上 幸子", "sachiko-inoue@yahoo.co.jp"),
         subject="オンライン保健室参加希望", date="Tue, 01 Dec 2026 14:22:10 +0900", mid="u10.sachiko@yahoo.co.jp",
         body="オンライン保健室に参加希望です。\n①会員番号・氏名　0815　井上幸子\n②sachiko-inoue@yahoo.co.jp\n"
              "③13時~14時30分\n\n井上\n",
         expect=dict(kind=G, number="0815", name="井上幸子", address="sachiko-inoue@yahoo.co.jp",
                     date="2026-12-02", hours="13:00-14:30", sure="yes")),
    dict(name="u11_iphone_leaves_early", shape="iphone", frm=("藤田 勝", "masaru.fujita@icloud.com"),
         subject="オンライン保健室参加希望", date="Sun, 29 Nov 2026 18:03:27 +0900", mid="9B0C4E11-U11@icloud.com",
         body="①3390 藤田勝\n②masaru.fujita@icloud.com\n③13時から参加しますが、14時に途中退室します\n\niPhoneから送信\n",
         expect=dict(kind=G, number="3390", name="藤田勝", address="masaru.fujita@icloud.com",
                     date="2026-12-02", hours="13:00-14:00", sure="yes")),
    dict(name="u12_next_session_thirty_minutes", shape="gmail", frm=("原 ちよ", "chiyo.hara@gmail.com"),
         subject="オンライン保健室参加希望", date="Mon, 30 Nov 2026 20:15:00 +0900", mid="CAF7q2u12x@mail.gmail.com",
         body="次回の保健室に少しだけ参加したいです。\n① 会員番号・氏名：7012 原ちよ\n"
              "② メールアドレス：chiyo.hara@gmail.com\n③ 参加時間：14時から30分だけ\n",
         expect=dict(kind=G, number="7012", name="原ちよ", address="chiyo.hara@gmail.com",
                     date="2026-12-02", hours="14:00-14:30", sure="yes")),
    dict(name="u13_au_today_morning", shape="au", frm=(None, "eiko.kinoshita@au.com"),
         subject="オンライン保健室参加希望", date="Wed, 02 Dec 2026 08:15:00 +0900", mid="u13.eiko@au.com",
         body="おはようございます。\n本日の保健室に参加させてください。\n会員番号2290 木下英子\n1時から参加します\n",
         expect=dict(kind=G, number="2290", name="木下英子", date="2026-12-02", hours="13:00-15:00", sure="no")),
    dict(name="u14_after_the_session_next_week", shape="gmail", frm=("杉山 悟", "satoru.sugiyama@gmail.com"),
         subject="オンライン保健室参加希望", date="Wed, 25 Nov 2026 16:40:00 +0900", mid="CAF7q2u14x@mail.gmail.com",
         body="今日はありがとうございました。\n来週もお願いします。\n\n① 8107 杉山悟\n② satoru.sugiyama@gmail.com\n"
              "③ 13時から14時\n",
         expect=dict(kind=G, number="8107", name="杉山悟", address="satoru.sugiyama@gmail.com",
                     date="2026-12-02", hours="13:00-14:00", sure="yes")),
    dict(name="u15_thunderbird_sentences", shape="thunderbird", frm=("山本 啓子", "k.yamamoto@nifty.com"),
         subject="保健室の参加について", date="Tue, 24 Nov 2026 13:10:00 +0900", mid="u15-3f2a@nifty.com",
         body="プラスケア　ご担当者さま\n\n山本啓子です。会員番号は8812です。\n"
              "明日のオンライン保健室に、13時30分から14時30分まで参加を希望します。\n"
              "連絡先アドレスは k.yamamoto@nifty.com です。\nよろしくお願いいたします。\n",
         expect=dict(kind=G, number="8812", name="山本啓子", address="k.yamamoto@nifty.com",
                     date="2026-11-25", hours="13:30-14:30", sure="yes")),

    # --- consultations with 石井 --------------------------------------------------------
    dict(name="u16_consult_gmail_labels", shape="gmail", frm=("小林 敏子", "toshiko.kobayashi.1950@gmail.com"),
         subject="個別相談の予約をお願いします", date="Fri, 27 Nov 2026 10:30:00 +0900", mid="CAF7q2u16x@mail.gmail.com",
         body="石井様\n\nいつもお世話になっております。\n個別相談の予約をお願いします。\n\n"
              "① 氏名：小林 敏子　会員番号：２２１９\n② 予約日時：12月9日（水）11時から\n③ 利用時間：1時間\n"
              "④ 話したいテーマ：夫の介護のこと、ショートステイの使い方\n\nよろしくお願いいたします。\n",
         expect=dict(kind=C, number="2219", name="小林 敏子", date="2026-12-09", hours="11:00-12:00",
                     theme="夫の介護のこと、ショートステイの使い方", sure="yes")),
    dict(name="u17_consult_outlook_signature", shape="outlook", frm=("渡辺 隆", "t.watanabe@example.or.jp"),
         subject="個別相談予約のお願い", date="Mon, 30 Nov 2026 08:45:00 +0900",
         mid="000001dc5f11$01020304$05060708$@example.or.jp",
         body="プラスケア　ご担当者様\n\nお世話になります。渡辺です。\n石井さんの個別相談を予約したく、ご連絡いたしました。\n\n"
              "１）氏名・会員番号：渡辺　隆／３５４０\n２）日時：１２/９(水)　１５：００～\n３）３０分\n"
              "４）退職後の地域での活動について\n\nご確認のほどよろしくお願いいたします。\n\n"
              "＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊\n渡辺　隆（わたなべ　たかし）\n〒211-0004　川崎市中原区新丸子東3-1100-12\n"
              "TEL 044-455-6789\nFAX 044-455-6790\n＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊\n",
         expect=dict(kind=C, number="3540", name="渡辺 隆", date="2026-12-09", hours="15:00-15:30",
                     theme="退職後の地域での活動について", sure="yes")),
    dict(name="u18_consult_iphone_next_wednesday", shape="iphone", frm=("高田 澄江", "sumie.takada@icloud.com"),
         subject="石井さんへ 相談の予約", date="Thu, 26 Nov 2026 19:55:00 +0900", mid="0D2E9F31-U18@icloud.com",
         body="石井さん\nこんばんは。来週水曜日の11時半から30分、お話しできますでしょうか。\n"
              "会員番号 4071 高田澄江\nテーマ：眠れないこと\n\niPhoneから送信\n",
         expect=dict(kind=C, number="4071", name="高田澄江", date="2026-12-02", hours="11:30-12:00",
                     theme="眠れないこと", sure="yes")),
    dict(name="u19_consult_docomo_one_line", shape="docomo", frm=(None, "haru.yamaguchi@docomo.ne.jp"),
         subject="個別相談", date="Sat, 28 Nov 2026 06:40:00 +0900", mid="u19.haru@docomo.ne.jp",
         body="石井さん 12/16 15時～ 60分 お願いします\n会員番号5530 山口ハル\nテーマ 足の痛みと通院のこと\n",
         expect=dict(kind=C, number="5530", name="山口ハル", date="2026-12-16", hours="15:00-16:00",
                     theme="足の痛みと通院のこと", sure="yes")),
    dict(name="u20_consult_mixed_width_pm_half", shape="gmail", frm=("岡田 良子", "ryoko.okada@gmail.com"),
         subject="個別相談の申込み", date="Tue, 01 Dec 2026 15:12:00 +0900", mid="CAF7q2u20x@mail.gmail.com",
         body="① 岡田良子　会員番号：１9３2\n② 予約日時：12月16日(水)午後3時半から\n③ 利用時間：30分\n"
              "④ 話したいテーマ：母の施設探し\n",
         expect=dict(kind=C, number="1932", name="岡田良子", date="2026-12-16", hours="15:30-16:00",
                     theme="母の施設探し", sure="yes")),
    dict(name="u21_consult_reply_over_template", shape="gmail", frm=("近藤 久美子", "kumiko.kondo@gmail.com"),
         subject="Re: 個別相談について", date="Wed, 25 Nov 2026 09:30:00 +0900", mid="CAF7q2u21x@mail.gmail.com",
         body="ご返信ありがとうございます。\nでは、12月9日の11時から1時間でお願いします。\n会員番号2688 近藤久美子\n"
              "話したいテーマ：家族との関係について\n\n"
              "2026年11月24日(火) 14:05 プラスケア <info@kosugipluscare.com>:\n\n"
              "> 近藤 久美子 様\n>\n> お問い合わせありがとうございます。\n"
              "> 石井の個別相談は毎週水曜日の11:00～12:30と15:00～17:00です。\n"
              "> ご希望の場合は、以下をお知らせください。\n"
              "> ① 氏名、会員番号 ② 予約日時 ③ 利用時間（30分／1時間） ④ 話したいテーマ\n>\n"
              "> 一般社団法人プラスケア\n> 044-863-8444\n",
         expect=dict(kind=C, number="2688", name="近藤久美子", date="2026-12-09", hours="11:00-12:00",
                     theme="家族との関係について", sure="no")),
    dict(name="u22_consult_this_wednesday_about_an_hour", shape="gmail", frm=("林 義男", "yoshio.hayashi@gmail.com"),
         subject="個別相談（石井さん）", date="Mon, 23 Nov 2026 09:05:00 +0900", mid="CAF7q2u22x@mail.gmail.com",
         body="石井さん\n\n林義男（会員番号6120）です。\n今週の水曜日、15時から1時間ほどお願いできますか。\n"
              "テーマ：年金と家計のこと\n",
         expect=dict(kind=C, number="6120", name="林義男", date="2026-11-25", hours="15:00-16:00",
                     theme="年金と家計のこと", sure="yes")),
    dict(name="u23_consult_softbank_morning_sixty", shape="softbank", frm=(None, "k-ueda@i.softbank.jp"),
         subject="石井さんの相談予約", date="Tue, 01 Dec 2026 10:10:00 +0900", mid="u23.ueda@i.softbank.jp",
         body="石井さん、いつもありがとうございます。\n上田です。会員番号は０４４７です。\n"
              "１２月９日（水）午前１１時から６０分お願いします。\n相談したいこと：息子の仕事のこと\n",
         expect=dict(kind=C, number="0447", name="上田", date="2026-12-09", hours="11:00-12:00",
                     theme="息子の仕事のこと", sure="yes")),

    # --- the doctor's mail ---------------------------------------------------------------
    dict(name="u24_doctor_iphone", shape="iphone", frm=("田村 幸雄", "yukio.tamura@icloud.com"),
         subject="ドクターメール希望", date="Tue, 24 Nov 2026 17:20:00 +0900", mid="7A8B9C0D-U24@icloud.com",
         body="西先生\n\n会員番号3021の田村幸雄です。\n最近めまいがすることがあり、ご相談したいです。\n"
              "日時はいつでも構いません。\n\niPhoneから送信\n",
         expect=dict(kind=D, number="3021", name="田村幸雄", sure="yes")),
    dict(name="u25_doctor_au_jis", shape="au", frm=(None, "fumiyo-i@ezweb.ne.jp"),
         subject="【ドクターメール】相談", date="Thu, 03 Dec 2026 11:11:00 +0900", mid="u25.fumiyo@ezweb.ne.jp",
         body="西先生へ\n7755 石原文代\n薬の飲み合わせについて聞きたいです。12月中の水曜日の午後だと助かります\n",
         expect=dict(kind=D, number="7755", name="石原文代", sure="yes")),

    # --- not requests ---------------------------------------------------------------------
    dict(name="u26_thanks_reply_with_quote", shape="gmail", frm=("森田 和子", "kazuko.morita@gmail.com"),
         subject="Re: オンライン保健室参加希望", date="Thu, 26 Nov 2026 10:00:00 +0900", mid="CAF7q2u26x@mail.gmail.com",
         body="昨日はありがとうございました。\n久しぶりに皆さんのお顔が見られて、とても楽しかったです。\n"
              "また参加させていただきます。\n\n4512 森田\n\n"
              "2026年11月21日(土) 9:30 プラスケア <info@kosugipluscare.com>:\n\n"
              "> 森田 和子 様\n>\n> オンライン保健室のご予約を承りました。\n> 日時：11月25日(水) 13:00～14:30\n"
              "> 当日11時までにIDとパスワードをお送りします。\n",
         expect=dict(kind=O, sure="no")),
    dict(name="u27_cancel_with_subject_of_a_request", shape="iphone", frm=("村上 和夫", "k-murakami@example.ne.jp"),
         subject="オンライン保健室参加希望の取り消し", date="Tue, 01 Dec 2026 07:30:00 +0900", mid="3C4D5E6F-U27@icloud.com",
         body="おはようございます。村上です（3017）。\n明日の保健室、13時から参加の予定でしたが、急用ができましたので欠席します。\n"
              "申し訳ありません。\n\niPhoneから送信\n",
         expect=dict(kind=O, sure="no")),
    dict(name="u28_zoom_id_not_arrived", shape="iphone", frm=("青木トシ子", "toshiko.aoki@icloud.com"),
         subject="IDが届きません", date="Wed, 25 Nov 2026 11:40:00 +0900", mid="1F2E3D4C-U28@icloud.com",
         body="プラスケア様\n今日の13時半からの保健室ですが、IDとパスワードのメールがまだ届いていないようです。\n"
              "もう一度送っていただけますか？\n1206 青木\n\niPhoneから送信\n",
         expect=dict(kind=O, sure="no")),
    dict(name="u29_newsletter", shape="newsletter", frm=("中原区地域ケア通信", "news@example-chiiki.jp"),
         subject="【地域ケア通信 第48号】12月の講座・イベントのご案内", date="Fri, 27 Nov 2026 17:00:00 +0900",
         mid="nl48.20261127@example-chiiki.jp",
         extra_headers=["List-Unsubscribe: <mailto:unsubscribe@example-chiiki.jp>", "Precedence: bulk"],
         body="━━━━━━━━━━━━━━━━━━\n地域ケア通信　第48号（2026年11月27日発行）\n━━━━━━━━━━━━━━━━━━\n\n"
              "■ 介護予防体操教室\n日時：12月9日(水) 13:30～15:00\n会場：中原市民館 第2会議室\n"
              "参加費：無料（会員番号は不要です）\n\n■ オンライン健康相談\n日時：12月16日(水) 15:00～16:00（1人30分）\n"
              "申込み：件名に「参加希望」とお書きのうえ、本メールにご返信ください。\n\n"
              "配信停止はこちら：unsubscribe@example-chiiki.jp\n",
         expect=dict(kind=O, sure="no")),
    dict(name="u30_auto_reply_out_of_office", shape="outlook", frm=("中島 進", "nakajima.susumu@example.co.jp"),
         subject="自動応答: 【プラスケア】オンライン保健室のご案内", date="Fri, 27 Nov 2026 09:00:05 +0900",
         mid="000001dc5e22$99887766$55443322$@example.co.jp",
         extra_headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"],
         body="ただいま不在にしております。12月1日（火）より出社いたします。\n"
              "至急のご用件は、携帯 080-1111-2222 までご連絡ください。\n\n中島 進\n",
         expect=dict(kind=O, sure="no")),

    # --- unclear: a person would ask back -----------------------------------------------------
    dict(name="u31_consult_two_dates", shape="gmail", frm=("石田 昌子", "masako.ishida@gmail.com"),
         subject="個別相談の予約", date="Fri, 27 Nov 2026 14:00:00 +0900", mid="CAF7q2u31x@mail.gmail.com",
         body="石井さん\n\n① 石田昌子　会員番号3308\n② 12月9日か12月16日の11時から（どちらでも大丈夫です）\n"
              "③ 30分\n④ 最近の物忘れのこと\n",
         expect=dict(kind=C, number="3308", name="石田昌子", hours="11:00-11:30", theme="最近の物忘れのこと", sure="no")),
    dict(name="u32_group_time_unknown", shape="iphone", frm=("北村 清", "kiyoshi.kitamura@icloud.com"),
         subject="オンライン保健室参加希望", date="Sun, 29 Nov 2026 20:00:00 +0900", mid="2A3B4C5D-U32@icloud.com",
         body="①6204 北村清\n②kiyoshi.kitamura@icloud.com\n③時間はまだわかりません。途中から入るかもしれません\n\n"
              "iPhoneから送信\n",
         expect=dict(kind=G, number="6204", name="北村清", address="kiyoshi.kitamura@icloud.com",
                     date="2026-12-02", sure="no")),
    dict(name="u33_group_number_forgotten", shape="gmail", frm=("山崎 トミ", "tomi.yamazaki@gmail.com"),
         subject="オンライン保健室参加希望", date="Fri, 27 Nov 2026 13:00:00 +0900", mid="CAF7q2u33x@mail.gmail.com",
         body="① 会員番号は忘れてしまいました。山崎トミです\n② tomi.yamazaki@gmail.com\n③ 13時から14時\n",
         expect=dict(kind=G, name="山崎トミ", address="tomi.yamazaki@gmail.com", date="2026-12-02",
                     hours="13:00-14:00", sure="no")),
    dict(name="u34_consult_next_week_written_on_sunday", shape="gmail", frm=("河合 弘", "hiroshi.kawai@gmail.com"),
         subject="個別相談の予約", date="Sun, 22 Nov 2026 21:00:00 +0900", mid="CAF7q2u34x@mail.gmail.com",
         body="① 河合弘　会員番号1777\n② 来週の水曜日　15時から\n③ 30分\n④ 妻の認知症のこと\n",
         expect=dict(kind=C, number="1777", name="河合弘", hours="15:00-15:30", theme="妻の認知症のこと", sure="no")),
    dict(name="u35_group_date_not_a_wednesday", shape="yahoo", frm=("安藤 正子", "masako.ando@yahoo.co.jp"),
         subject="オンライン保健室参加希望", date="Mon, 30 Nov 2026 10:00:00 +0900", mid="u35.masako@yahoo.co.jp",
         body="①会員番号・氏名 9021 安藤正子\n②masako.ando@yahoo.co.jp\n③12月3日 13時から15時\n",
         expect=dict(kind=G, number="9021", name="安藤正子", address="masako.ando@yahoo.co.jp",
                     hours="13:00-15:00", sure="no")),
]
