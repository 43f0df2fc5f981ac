/// <reference types="vite/client" />

declare const __KOFU_VERSION__: string;
