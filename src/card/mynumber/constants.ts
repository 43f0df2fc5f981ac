/**
 * Application identifiers and file identifiers of the My Number card.
 * Sources (research/card-reading.md §1.1–§1.4): jpki/myna src/jpki.rs, src/text.rs;
 * OpenSC src/libopensc/jpki.h; soltia48/myna-card src/ap/{jpki,text}.rs.
 */
import { fromHex } from '../../bytes/bytes.ts';

/** 公的個人認証AP (JPKI). */
export const JPKI_AID = fromHex('D3 92 F0 00 26 01 00 00 00 01');
/** 券面事項入力補助AP ("kenhojo", the text AP). */
export const KENHOJO_AID = fromHex('D3 92 10 00 31 00 01 01 04 08');

export const JpkiFile = {
  /** 署名用証明書: readable after the signature password. */
  SIGN_CERT: 0x0001,
  SIGN_CA_CERT: 0x0002,
  /** 160-byte PKCS#11 CK_TOKEN_INFO; first 32 bytes are the space-padded label. */
  TOKEN_INFO: 0x0006,
  /** 利用者証明用証明書: readable without PIN. */
  AUTH_CERT: 0x000a,
  AUTH_CA_CERT: 0x000b,
  /** User-authentication private key (selected before `80 2A`). */
  AUTH_KEY: 0x0017,
  /** 利用者証明用暗証番号: 4 digits, 3 tries. */
  AUTH_PIN: 0x0018,
  SIGN_KEY: 0x001a,
  /** 署名用パスワード: 6–16 of A–Z0–9, 5 tries. */
  SIGN_PIN: 0x001b,
} as const;

export const KenhojoFile = {
  /** 個人番号: `FF 10 0C` + 12 ASCII digits (+ `FF FF` filler). */
  MY_NUMBER: 0x0001,
  /** 基本4情報: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex }. */
  BASIC_INFO: 0x0002,
  /** 券面事項入力補助用暗証番号: 4 digits, 3 tries. */
  PIN: 0x0011,
  /** 照合番号A = the 12-digit My Number (opens 0001). */
  PIN_A: 0x0014,
  /** 照合番号B = era DOB YYMMDD + expiry year + security code (opens 0002). */
  PIN_B: 0x0015,
} as const;

export const AUTH_PIN_MAX_TRIES = 3;
export const SIGN_PIN_MAX_TRIES = 5;
export const KENHOJO_PIN_MAX_TRIES = 3;

/** Token labels of EF 0006 (myna _go/libmyna/api.go; soltia48 TokenType). */
export const TokenLabel = {
  MY_NUMBER_CARD: 'JPKIAPICCTOKEN2',
  JUKI_CARD: 'JPKIAPICCTOKEN',
  ANDROID: 'JPKIAPGPSETOKEN',
  IPHONE: 'JPKIAPIOSTOKEN',
} as const;
export const TOKEN_INFO_LENGTH = 160;
export const TOKEN_LABEL_LENGTH = 32;

/** Tags of the kenhojo EF 0002 (private class, constructed FF20, primitive DF21–DF25). */
export const BasicInfoTag = {
  TEMPLATE: 0xff20,
  OFFSETS: 0xdf21,
  NAME: 0xdf22,
  ADDRESS: 0xdf23,
  BIRTH_DATE: 0xdf24,
  SEX: 0xdf25,
} as const;
export const MY_NUMBER_TAG = 0xff10;

/** SHA-256 DigestInfo prefix (RFC 8017 §9.2 note 1), Lc = 19 + 32 = 51. */
export const SHA256_DIGEST_INFO_PREFIX = fromHex('30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20');

/** ISO 5218 sex codes used in DF25 (myna card_input_helper_ap.go SexString; aruneko PersonalData.ts). */
export const SexCode = { MALE: '1', FEMALE: '2', NOT_APPLICABLE: '9' } as const;
