/**
 * Strings of the real kiosk's flow around the core steps (issue #13): the terms of use, the
 * allowed card readers, the stages of issuing, the card's return before printing, the paper
 * check, a sheet that did not print, the fee to pay at the store's till, and the till's total in
 * the issuance-log check of the admin console. Spread into the
 * catalogues of messages.ts; `satisfies` keeps the two languages in step.
 */
export const kioskFlowJa = {
  'kiosk.step.terms': 'ご利用にあたっての注意を読んで同意する',
  'kiosk.step.pay': '手数料はお店のレジでお支払い',

  'kiosk.terms.heading': 'ご利用にあたって',
  'kiosk.terms.lead': '次の内容をお読みください。同意いただける場合は「同意する」を押してください。',
  'kiosk.terms.card': 'マイナンバーカードからは、利用者証明用電子証明書だけを読み取ります。氏名・住所などは市区町村の記録から証明書に記載します。',
  'kiosk.terms.pin': '暗証番号はカードの確認にだけ使い、この端末には保存しません。3回続けて間違えるとロックされます。',
  'kiosk.terms.fee': '手数料は発行の前に表示します。お支払いはお店のレジでお願いします。',
  'kiosk.terms.print': '証明書はこのお店のプリンターでA4用紙に印刷します。裏面の画像とQRコードで、誰でも内容を確かめられます。',
  'kiosk.terms.privacy': '操作が終わると、入力した情報はこの端末から消去します。',
  'kiosk.terms.agree': '同意する',
  'kiosk.terms.decline': 'やめる',

  'kiosk.reader.allowed-heading': 'このお店のカードリーダー',
  'kiosk.reader.allowed-explain': 'この端末で使えるように設定されたリーダーです。押すとすぐに使えます。',
  'kiosk.reader.allowed-use': ({ name }: { name: string }) => `${name} を使う`,
  'kiosk.reader.opening': ({ name }: { name: string }) => `カードリーダー（${name}）に接続しています…`,
  'kiosk.reader.other': '別のリーダーを選ぶ',

  'kiosk.issuing.stage.sign': '電子署名をしています',
  'kiosk.issuing.stage.carrier': '裏面の画像を作っています',
  'kiosk.issuing.stage.pdf': '印刷用のデータを作っています',
  'kiosk.issuing.bar': '発行の進み具合',

  'kiosk.card-return.heading': 'カードをお取りください',
  'kiosk.card-return.lead': '証明書ができました。カードはもう使いません。カードリーダーからお取りください。',
  'kiosk.card-return.next': 'カードを取ると、印刷に進みます。',
  'kiosk.card-return.taken': 'カードを取りました',
  'kiosk.card-return.take-demo': 'カードを取る',

  'kiosk.print.card-still-in': 'カードがカードリーダーに残っています。お取りください。',
  'kiosk.print.pay': 'お店のレジでお支払いください',
  'kiosk.print.paper-question': '用紙は出てきましたか',
  'kiosk.print.paper-yes': 'はい',
  'kiosk.print.paper-no': '出てこない',
  'kiosk.print.printed': '印刷済み',

  'kiosk.not-printed.heading': '用紙が出てきませんでした',
  'kiosk.not-printed.voided': ({ serial }: { serial: string }) => `発行番号 ${serial} の証明書は、発行記録で無効にしました。後から用紙が出てきた場合は使わずに、お店の係員にお渡しください。`,
  'kiosk.not-printed.staff': 'お店の係員にお知らせください。用紙切れ・紙詰まり・プリンターの電源や接続を確かめます。',
  'kiosk.not-printed.again': '準備ができたら「もう一度発行する」を押してください。新しい発行番号で発行します。無効にした分の手数料はかかりません。',
  'kiosk.not-printed.issue-again': 'もう一度発行する',
  'kiosk.not-printed.finish': '発行せずに終了',

  'trust.log.till': ({ voided, notPrinted, yen }: { voided: number; notPrinted: number; yen: string }) =>
    `無効の記録 ${voided}件（うち印刷されなかった用紙 ${notPrinted}枚）。レジで受け取るはずの手数料の合計 ${yen}円（無効の分を除く）。`,

  'kiosk.end.heading': '証明書をお取りください',
  'kiosk.end.heading-nothing': 'ご利用ありがとうございました',
  'kiosk.end.pay': ({ yen }: { yen: string }) => `手数料 ${yen}円を、お店のレジでお支払いください。`,
};

export const kioskFlowEn = {
  'kiosk.step.terms': 'Read the terms of use and agree',
  'kiosk.step.pay': 'Pay the fee at the store’s till',

  'kiosk.terms.heading': 'Before you start',
  'kiosk.terms.lead': 'Please read the following. If you agree, press “I agree”.',
  'kiosk.terms.card': 'Only the user-authentication certificate is read from your My Number card. Your name, address and the rest come from the municipality’s records.',
  'kiosk.terms.pin': 'Your PIN is used only to check the card and is never stored on this tablet. Three wrong PINs in a row lock it.',
  'kiosk.terms.fee': 'The fee is shown before anything is issued. Please pay it at the store’s till.',
  'kiosk.terms.print': 'The certificate is printed here, on this store’s printer, on A4 paper. The image and QR code on the back let anyone check it.',
  'kiosk.terms.privacy': 'When you finish, what you entered is erased from this tablet.',
  'kiosk.terms.agree': 'I agree',
  'kiosk.terms.decline': 'Cancel',

  'kiosk.reader.allowed-heading': 'This store’s card reader',
  'kiosk.reader.allowed-explain': 'Readers set up for this tablet. One press and it is ready.',
  'kiosk.reader.allowed-use': ({ name }: { name: string }) => `Use ${name}`,
  'kiosk.reader.opening': ({ name }: { name: string }) => `Connecting to the card reader (${name})…`,
  'kiosk.reader.other': 'Choose another reader',

  'kiosk.issuing.stage.sign': 'Signing the certificate',
  'kiosk.issuing.stage.carrier': 'Making the image for the back',
  'kiosk.issuing.stage.pdf': 'Preparing the sheet for printing',
  'kiosk.issuing.bar': 'Issuing progress',

  'kiosk.card-return.heading': 'Please take your card',
  'kiosk.card-return.lead': 'Your certificate is ready. The card is no longer needed: please take it from the card reader.',
  'kiosk.card-return.next': 'Once you take the card, printing comes next.',
  'kiosk.card-return.taken': 'I have taken my card',
  'kiosk.card-return.take-demo': 'Take the card',

  'kiosk.print.card-still-in': 'Your card is still on the card reader. Please take it.',
  'kiosk.print.pay': 'Please pay at the store’s till',
  'kiosk.print.paper-question': 'Did the paper come out?',
  'kiosk.print.paper-yes': 'Yes',
  'kiosk.print.paper-no': 'It did not',
  'kiosk.print.printed': 'Printed',

  'kiosk.not-printed.heading': 'The paper did not come out',
  'kiosk.not-printed.voided': ({ serial }: { serial: string }) => `The certificate with serial ${serial} is now marked void in the issuance log. If that sheet comes out later, do not use it: please hand it to the store staff.`,
  'kiosk.not-printed.staff': 'Please tell the store staff. They will check for empty paper trays, paper jams and the printer’s power and connection.',
  'kiosk.not-printed.again': 'When it is ready, press “Issue it again”. It is issued under a new serial; there is no fee for the void one.',
  'kiosk.not-printed.issue-again': 'Issue it again',
  'kiosk.not-printed.finish': 'Finish without it',

  'trust.log.till': ({ voided, notPrinted, yen }: { voided: number; notPrinted: number; yen: string }) =>
    `Void entries: ${voided} (of which sheets that did not print: ${notPrinted}). Fees the till should have taken: ¥${yen} (void sheets left out).`,

  'kiosk.end.heading': 'Please take your certificate',
  'kiosk.end.heading-nothing': 'Thank you',
  'kiosk.end.pay': ({ yen }: { yen: string }) => `Please pay the fee of ¥${yen} at the store’s till.`,
} satisfies Record<keyof typeof kioskFlowJa, unknown>;
