/**
 * The otpauth URI as a QR code, drawn in the browser (qrcode-generator: no network, no canvas),
 * as an SVG of the dark modules so nothing is injected as HTML.
 */
import { useMemo } from 'react';
import qrcode from 'qrcode-generator';

export function OtpQr({ uri, size = 200 }: { uri: string; size?: number }) {
  const path = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(uri);
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + 2} ${r + 2}h1v1h-1z`;
    return { d, n: n + 4 };
  }, [uri]);
  return (
    <svg className="otp-qr" role="img" aria-label="QR code of the authenticator secret" width={size} height={size} viewBox={`0 0 ${path.n} ${path.n}`} shapeRendering="crispEdges">
      <rect width={path.n} height={path.n} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
