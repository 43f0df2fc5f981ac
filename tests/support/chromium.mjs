// One place for how every test and benchmark starts Chromium on this kind of machine.
export const chromiumPath = () => process.env.CHROME_PATH || '/usr/bin/chromium';

// Running as root needs --no-sandbox; the network is closed, so background services are switched
// off or Chromium floods the log with refused connections.
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
