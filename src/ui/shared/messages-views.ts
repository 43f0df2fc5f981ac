/**
 * The words of the verifier and the admin console, added to the catalogues (messages.ts, and the
 * error tables of error-messages.ts) when either view loads: src/ui/app.ts imports this module
 * before the view's own, and on the kiosk right after its first paint, so the first paint does
 * not carry them. Unit and component tests get it first on every test page
 * (web-test-runner.config.mjs `testRunnerHtml`).
 */
import { backupEn, backupJa } from './messages-backup.ts';
import { cameraEn, cameraJa } from './messages-camera.ts';
import { readersEn, readersJa } from './messages-readers.ts';
import { registryEn, registryJa } from './messages-registry.ts';
import { staffEn, staffJa } from './messages-staff.ts';
import { trustEn, trustJa } from './messages-trust.ts';
import { verifyEn, verifyJa } from './messages-verify.ts';
import { printEn, printJa } from './messages-print.ts';
import { paperEn, paperJa } from './messages-paper.ts';
import { verdictEn, verdictJa } from './messages-verdict.ts';
import { addMessages } from './messages.ts';
import { addErrorMessages } from './error-messages.ts';
import { carrierMessages, visionMessages } from './error-messages-carrier.ts';
import { logProblemMessages, sealMessages, trustStatusMessages } from './error-messages-seal.ts';
import { staffMessages } from './error-messages-staff.ts';
import { verifyMessages } from './error-messages-verify.ts';

addMessages(
  { ...backupJa, ...trustJa, ...verifyJa, ...cameraJa, ...readersJa, ...registryJa, ...staffJa, ...printJa, ...paperJa, ...verdictJa },
  { ...backupEn, ...trustEn, ...verifyEn, ...cameraEn, ...readersEn, ...registryEn, ...staffEn, ...printEn, ...paperEn, ...verdictEn },
);

addErrorMessages({ ...sealMessages, ...logProblemMessages, ...trustStatusMessages, ...verifyMessages, ...carrierMessages, ...visionMessages, ...staffMessages });
