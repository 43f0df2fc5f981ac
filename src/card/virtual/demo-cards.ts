/**
 * The demo residents' My Number cards and the demo JPKI CA that certifies them.
 *
 * Keys are committed fixtures (fixtures/keys.ts); certificates are built from them here with
 * @peculiar/x509 using fixed serials and dates, and RSASSA-PKCS1-v1_5 is deterministic, so every
 * browser builds byte-identical certificates. The demo CA is trusted only in demo mode; its names
 * say DEMO so that no one can mistake it for J-LIS.
 */
import * as x509 from '../x509.ts';
import { concatBytes, writeUint16BE } from '../../bytes/bytes.ts';
import { AUTH_PIN_MAX_TRIES, BasicInfoTag, JPKI_AID, JpkiFile, KENHOJO_AID, KENHOJO_PIN_MAX_TRIES, KenhojoFile, MY_NUMBER_TAG, SIGN_PIN_MAX_TRIES, TOKEN_INFO_LENGTH, TOKEN_LABEL_LENGTH, TokenLabel } from '../mynumber/constants.ts';
import { encodeTlv } from '../apdu/tlv.ts';
import { VirtualMyNumberCard, type VirtualCardSpec, type VirtualEf } from './card.ts';
import type { CardStateStore } from './state.ts';
import { anchorFrom, type TrustAnchor } from '../mynumber/certificate.ts';
import { importRsaPrivateKey } from './rsa.ts';
import { myNumberCheckDigit, withMyNumberCheckDigit } from '../../registry/validate.ts';
import * as keys from './fixtures/keys.ts';

export interface DemoResident {
  /** Stable card id: also the key of the persisted PIN counters. */
  readonly cardId: string;
  /** The resident of the demo registry (src/registry/demo.ts) who holds this card. */
  readonly registryResidentId: string;
  readonly myNumber: string;
  /** 氏名: family and given names separated by U+3000, as on the card. */
  readonly name: string;
  readonly address: string;
  /** YYYYMMDD (Gregorian), as DF24 stores it. */
  readonly birthDate: string;
  readonly sex: '1' | '2' | '9';
  readonly authPin: string;
  readonly signPassword: string;
  readonly kenhojoPin: string;
  readonly cardExpiryYear: number;
  readonly securityCode: string;
  readonly authKey: string;
  readonly signKey: string;
  /** Serial number of the user-authentication certificate (hex). */
  readonly authCertSerial: string;
}

/** The registry's 個人番号 check digit (番号法施行規則 §5): a demo card carries its resident's valid number. */
export { myNumberCheckDigit };

/**
 * The demo cards belong to residents of the demo registry (src/registry/demo.ts): the card's
 * 券面事項 repeat the registry's name, address, birth date, sex and My Number verbatim, and
 * `registryResidentId` names the resident, so demo mode can link each card's certificate
 * (`Registry.linkCard(id, sha256(authCertDer))`). The values are copied, not imported, to keep
 * the card domain independent of the registry; src/card/virtual/demo-cards.test.ts checks that
 * the copies still match.
 */
export const DEMO_RESIDENTS: readonly DemoResident[] = [
  {
    cardId: 'demo-card-0001',
    registryResidentId: 'r-takahashi-ichiro',
    myNumber: withMyNumberCheckDigit('12345678901'),
    name: '髙橋\u3000一郎',
    address: '東都県藤見市桜町三丁目4番5号',
    birthDate: '19780614',
    sex: '1',
    authPin: '1234',
    signPassword: 'KOFUDEMO1',
    kenhojoPin: '1234',
    cardExpiryYear: 2034,
    securityCode: '1111',
    authKey: keys.RESIDENT1_AUTH_KEY,
    signKey: keys.RESIDENT1_SIGN_KEY,
    authCertSerial: '4b4f4655000001',
  },
  {
    cardId: 'demo-card-0002',
    registryResidentId: 'r-takahashi-hanako',
    myNumber: withMyNumberCheckDigit('23456789012'),
    name: '髙橋\u3000花子',
    address: '東都県藤見市桜町三丁目4番5号',
    birthDate: '19801103',
    sex: '2',
    authPin: '5678',
    signPassword: 'KOFUDEMO2',
    kenhojoPin: '5678',
    cardExpiryYear: 2033,
    securityCode: '2222',
    authKey: keys.RESIDENT2_AUTH_KEY,
    signKey: keys.RESIDENT2_SIGN_KEY,
    authCertSerial: '4b4f4655000002',
  },
  {
    cardId: 'demo-card-0003',
    registryResidentId: 'r-teshigawara-saemon',
    myNumber: withMyNumberCheckDigit('11223344556'),
    name: '勅使河原\u3000左衛門三郎兵衛之助',
    // Long enough that FF20 needs a long-form length (> 127 bytes), as real long addresses do.
    address: '東都県藤見市大字上小田切字西ノ久保新田二丁目千二百三十四番地の五　グランドメゾン藤見ヶ丘パークサイドレジデンス東棟一二〇三号室',
    birthDate: '19580107',
    sex: '1',
    authPin: '0000',
    signPassword: 'KOFUDEMO3',
    kenhojoPin: '0000',
    cardExpiryYear: 2031,
    securityCode: '3333',
    authKey: keys.RESIDENT3_AUTH_KEY,
    signKey: keys.RESIDENT3_SIGN_KEY,
    authCertSerial: '4b4f4655000003',
  },
  {
    cardId: 'demo-card-0004',
    registryResidentId: 'r-yoshida-makoto',
    myNumber: withMyNumberCheckDigit('78901234567'),
    // 𠮷 is outside the BMP: four bytes of UTF-8 on the card.
    name: '𠮷田\u3000誠',
    address: '東都県藤見市梅ヶ丘一丁目2番3号　梅ヶ丘ハイツ101号',
    birthDate: '19850312',
    sex: '1',
    authPin: '2468',
    signPassword: 'KOFUDEMO4',
    kenhojoPin: '2468',
    cardExpiryYear: 2032,
    securityCode: '4444',
    authKey: keys.RESIDENT4_AUTH_KEY,
    signKey: keys.RESIDENT4_SIGN_KEY,
    authCertSerial: '4b4f4655000004',
  },
  {
    cardId: 'demo-card-0005',
    registryResidentId: 'r-newman-emily',
    myNumber: withMyNumberCheckDigit('90123456789'),
    name: 'NEWMAN EMILY ROSE',
    address: '東都県藤見市港南二丁目15番8号　シーサイドコート藤見502号',
    birthDate: '19921201',
    sex: '2',
    authPin: '1357',
    signPassword: 'KOFUDEMO5',
    kenhojoPin: '1357',
    cardExpiryYear: 2028,
    securityCode: '5555',
    authKey: keys.RESIDENT5_AUTH_KEY,
    signKey: keys.RESIDENT5_SIGN_KEY,
    authCertSerial: '4b4f4655000005',
  },
];

export const DEMO_AUTH_CA_NAME = 'C=JP, O=JPKI DEMO, OU=DEMO JPKI for user authentication, OU=kofu demo municipality (not J-LIS)';
export const DEMO_SIGN_CA_NAME = 'C=JP, O=JPKI DEMO, OU=DEMO JPKI for digital signature, OU=kofu demo municipality (not J-LIS)';
const CA_NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
const CA_NOT_AFTER = new Date('2035-12-31T14:59:59Z');
const EE_NOT_BEFORE = new Date('2025-04-01T00:00:00Z');
const EE_NOT_AFTER = new Date('2030-04-12T14:59:59Z');
const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

export interface DemoCa {
  readonly authCa: x509.X509Certificate;
  readonly signCa: x509.X509Certificate;
}

let demoCa: Promise<DemoCa> | undefined;
let demoCaKey: ReturnType<typeof importRsaPrivateKey> | undefined;
const getDemoCaKey = () => (demoCaKey ??= importRsaPrivateKey(keys.DEMO_JPKI_CA_KEY));

/** The demo JPKI CA certificates (user-auth and signature), built once per page. */
export function getDemoCa(): Promise<DemoCa> {
  demoCa ??= (async () => {
    const ca = await getDemoCaKey();
    const pair = { privateKey: ca.privateKey, publicKey: ca.publicKey };
    const caExtensions = async () => [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(ca.publicKey),
    ];
    const make = async (name: string, serialNumber: string) =>
      x509.X509CertificateGenerator.createSelfSigned({
        serialNumber,
        name,
        notBefore: CA_NOT_BEFORE,
        notAfter: CA_NOT_AFTER,
        signingAlgorithm: RSA_SHA256,
        keys: pair,
        extensions: await caExtensions(),
      });
    return { authCa: await make(DEMO_AUTH_CA_NAME, '01'), signCa: await make(DEMO_SIGN_CA_NAME, '02') };
  })();
  return demoCa;
}

async function issue(subject: string, issuer: string, serialNumber: string, subjectKey: CryptoKey, keyUsage: number): Promise<x509.X509Certificate> {
  const ca = await getDemoCaKey();
  return x509.X509CertificateGenerator.create({
    serialNumber,
    subject,
    issuer,
    notBefore: EE_NOT_BEFORE,
    notAfter: EE_NOT_AFTER,
    signingAlgorithm: RSA_SHA256,
    publicKey: subjectKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(keyUsage, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey),
    ],
  });
}

/** 和暦 YYMMDD of a Gregorian YYYYMMDD (照合番号B wants the era year, soltia48 README). */
export function eraDate(birthDate: string): string {
  const date = Number(birthDate);
  const eras = [
    { start: 20190501, base: 2018 },
    { start: 19890108, base: 1988 },
    { start: 19261225, base: 1925 },
    { start: 19120730, base: 1911 },
  ];
  const era = eras.find((candidate) => date >= candidate.start) ?? eras[eras.length - 1];
  const year = Number(birthDate.slice(0, 4)) - era.base;
  return String(year).padStart(2, '0') + birthDate.slice(4);
}

const ascii = (text: string) => new TextEncoder().encode(text);

/** EF 0002 of the kenhojo AP: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex }. */
export function encodeBasicInfo(info: { name: string; address: string; birthDate: string; sex: string }): Uint8Array {
  const items = [
    encodeTlv(BasicInfoTag.NAME, ascii(info.name)),
    encodeTlv(BasicInfoTag.ADDRESS, ascii(info.address)),
    encodeTlv(BasicInfoTag.BIRTH_DATE, ascii(info.birthDate)),
    encodeTlv(BasicInfoTag.SEX, ascii(info.sex)),
  ];
  const itemsLength = items.reduce((sum, item) => sum + item.length, 0);
  const offsetsTlvLength = 3 + 8;
  const contentLength = offsetsTlvLength + itemsLength;
  const outerHeader = encodeTlv(BasicInfoTag.TEMPLATE, new Uint8Array(contentLength)).length - contentLength;
  // DF21: the byte offset of each item's tag from the start of the file.
  const offsets = new Uint8Array(8);
  let position = outerHeader + offsetsTlvLength;
  items.forEach((item, i) => {
    writeUint16BE(position, offsets, 2 * i);
    position += item.length;
  });
  return encodeTlv(BasicInfoTag.TEMPLATE, concatBytes(encodeTlv(BasicInfoTag.OFFSETS, offsets), ...items));
}

function tokenInfo(label: string): Uint8Array {
  // CK_TOKEN_INFO: label[32], manufacturerID[32], model[16], serialNumber[16], then flags/counters.
  const out = new Uint8Array(TOKEN_INFO_LENGTH);
  const field = (text: string, offset: number, length: number) => out.set(ascii(text.padEnd(length, ' ')).subarray(0, length), offset);
  field(label, 0, TOKEN_LABEL_LENGTH);
  field('kofu demo', 32, 32);
  field('virtual card', 64, 16);
  field('', 80, 16);
  return out;
}

/** Allocated EF size for certificates: real EFs are larger than their content and read as FF past it. */
const CERT_EF_SIZE = 2048;

export interface DemoCard {
  readonly resident: DemoResident;
  readonly spec: VirtualCardSpec;
  readonly authCert: x509.X509Certificate;
  readonly signCert: x509.X509Certificate;
  readonly ca: DemoCa;
}

const demoCards = new Map<string, Promise<DemoCard>>();

/** Builds (once per page) the card image of a demo resident. */
export function getDemoCard(resident: DemoResident, label: string = TokenLabel.MY_NUMBER_CARD): Promise<DemoCard> {
  const cacheKey = `${resident.cardId}/${label}`;
  let card = demoCards.get(cacheKey);
  if (!card) {
    card = buildDemoCard(resident, label);
    demoCards.set(cacheKey, card);
  }
  return card;
}

async function buildDemoCard(resident: DemoResident, label: string): Promise<DemoCard> {
  const ca = await getDemoCa();
  const auth = await importRsaPrivateKey(resident.authKey);
  const sign = await importRsaPrivateKey(resident.signKey);
  // The real auth certificate carries no personal attributes: CN is an opaque identifier.
  const authCert = await issue(`C=JP, CN=DEMO-${resident.authCertSerial.toUpperCase()}`, DEMO_AUTH_CA_NAME, resident.authCertSerial, auth.publicKey, x509.KeyUsageFlags.digitalSignature);
  const signCert = await issue(`C=JP, CN=${resident.name.replace('\u3000', ' ')} (DEMO)`, DEMO_SIGN_CA_NAME, resident.authCertSerial + '01', sign.publicKey, x509.KeyUsageFlags.nonRepudiation | x509.KeyUsageFlags.digitalSignature);
  const der = (cert: x509.X509Certificate) => new Uint8Array(cert.rawData);
  const jpkiFiles: VirtualEf[] = [
    { kind: 'binary', fid: JpkiFile.SIGN_CERT, content: der(signCert), size: CERT_EF_SIZE, read: { anyOf: [JpkiFile.SIGN_PIN] } },
    { kind: 'binary', fid: JpkiFile.SIGN_CA_CERT, content: der(ca.signCa), size: CERT_EF_SIZE, read: 'always' },
    { kind: 'binary', fid: JpkiFile.TOKEN_INFO, content: tokenInfo(label), read: 'always' },
    { kind: 'binary', fid: JpkiFile.AUTH_CERT, content: der(authCert), size: CERT_EF_SIZE, read: 'always' },
    { kind: 'binary', fid: JpkiFile.AUTH_CA_CERT, content: der(ca.authCa), size: CERT_EF_SIZE, read: 'always' },
    { kind: 'key', fid: JpkiFile.AUTH_KEY, key: auth.key, use: { anyOf: [JpkiFile.AUTH_PIN] } },
    { kind: 'pin', fid: JpkiFile.AUTH_PIN, value: ascii(resident.authPin), maxTries: AUTH_PIN_MAX_TRIES },
    { kind: 'key', fid: JpkiFile.SIGN_KEY, key: sign.key, use: { anyOf: [JpkiFile.SIGN_PIN] } },
    { kind: 'pin', fid: JpkiFile.SIGN_PIN, value: ascii(resident.signPassword.toUpperCase()), maxTries: SIGN_PIN_MAX_TRIES },
  ];
  const myNumberEf = concatBytes(encodeTlv(MY_NUMBER_TAG, ascii(resident.myNumber)), new Uint8Array([0xff, 0xff]));
  const kenhojoFiles: VirtualEf[] = [
    { kind: 'binary', fid: KenhojoFile.MY_NUMBER, content: myNumberEf, read: { anyOf: [KenhojoFile.PIN, KenhojoFile.PIN_A] } },
    { kind: 'binary', fid: KenhojoFile.BASIC_INFO, content: encodeBasicInfo(resident), size: 1024, read: { anyOf: [KenhojoFile.PIN, KenhojoFile.PIN_B] } },
    { kind: 'pin', fid: KenhojoFile.PIN, value: ascii(resident.kenhojoPin), maxTries: KENHOJO_PIN_MAX_TRIES },
    // The tries of 照合番号A/B are not documented publicly; 10 is kofu's assumption.
    { kind: 'pin', fid: KenhojoFile.PIN_A, value: ascii(resident.myNumber), maxTries: 10 },
    { kind: 'pin', fid: KenhojoFile.PIN_B, value: ascii(eraDate(resident.birthDate) + resident.cardExpiryYear + resident.securityCode), maxTries: 10 },
  ];
  const spec: VirtualCardSpec = {
    cardId: resident.cardId,
    applications: [
      { name: 'jpki', aid: JPKI_AID, files: jpkiFiles },
      { name: 'kenhojo', aid: KENHOJO_AID, files: kenhojoFiles },
    ],
  };
  return { resident, spec, authCert, signCert, ca };
}

/** A fresh virtual card for `resident`, its PIN counters kept in `store`. */
export async function createVirtualDemoCard(resident: DemoResident, store: CardStateStore, label?: string): Promise<VirtualMyNumberCard> {
  const card = await getDemoCard(resident, label);
  return VirtualMyNumberCard.create(card.spec, store);
}

/** The demo CA as a trust anchor marked `demo` (trusted only in demo mode). */
export async function demoTrustAnchor(): Promise<TrustAnchor> {
  const ca = await getDemoCa();
  return anchorFrom(new Uint8Array(ca.authCa.rawData), true);
}
