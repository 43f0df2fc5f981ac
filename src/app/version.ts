/** The app version, injected at build time from package.json; 'dev' under the test server. */
export const APP_VERSION: string = typeof __KOFU_VERSION__ === 'string' ? __KOFU_VERSION__ : 'dev';
