/** SVG to PNG in the browser through an <img> and a canvas (the Node twin is png-node.ts). */
import { checkPngSize } from './limits.ts';

/**
 * Rasterises a standalone SVG string in the browser. `scale` multiplies the SVG's
 * width and height; 2 unless stated, so the picture stays sharp on high-DPI screens
 * and slides. The SVG is loaded from a blob: URL made here, so nothing is fetched.
 */
export async function svgToPngBrowser(svg: string, scale = 2): Promise<Blob> {
  checkPngSize(svg, scale);
  const width = Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 640);
  const height = Number(/<svg\b[^>]*?\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 400);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart SVG could not be decoded as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas available to draw the PNG');
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
