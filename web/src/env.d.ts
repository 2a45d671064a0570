/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
declare module 'element-plus/es/locale/lang/zh-cn';

// Packages without bundled types (no @types package installed): only what the app calls.
declare module 'qrcode' {
  export interface QRCodeToDataURLOptions {
    width?: number;
    margin?: number;
  }
  export function toDataURL(text: string, options?: QRCodeToDataURLOptions): Promise<string>;
  const QRCode: { toDataURL: typeof toDataURL };
  export default QRCode;
}
declare module 'react' {
  export function createElement<Props extends object>(type: unknown, props?: Props | null): unknown;
}
declare module 'react-dom/client' {
  export function createRoot(container: Element): { render(element: unknown): void };
}
