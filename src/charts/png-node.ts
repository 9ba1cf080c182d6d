/** SVG to PNG in Node with resvg and the system fonts (Node only; the browser uses png-browser.ts). */
import { Resvg } from '@resvg/resvg-js';
import { checkPngSize } from './limits.ts';

/**
 * Rasterises a standalone SVG string. `scale` multiplies the SVG's own width and
 * height (2 for a sharp image on slides); 1 unless stated. Text uses the system
 * fonts (DejaVu Sans on Debian) for the generic families; nothing is fetched.
 * Refuses more than CHART_LIMITS.pngPixels pixels (a ChartLimitError).
 */
export function svgToPngNode(svg: string, scale = 1): Uint8Array {
  checkPngSize(svg, scale);
  const width = Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: width > 0 ? { mode: 'width', value: Math.round(width * scale) } : { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}
