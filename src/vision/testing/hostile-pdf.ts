/**
 * A small PDF whose back page (page 2) draws `rectangles` filled rectangles: a few kilobytes of
 * Flate-compressed content stream (ISO 32000-1 §7.4.4) that expand to millions of path operators.
 * The shape of the PDF the verifier must refuse quickly instead of rendering for a minute.
 */
import { concatBytes } from '../../bytes/bytes.ts';

export async function pdfWithRectangles(rectangles: number): Promise<Uint8Array> {
  const op = new TextEncoder().encode('0 0 1 1 re f\n');
  const content = new Uint8Array(op.length * rectangles);
  for (let i = 0; i < rectangles; i++) content.set(op, i * op.length);
  const compressed = new Uint8Array(await new Response(new Blob([content]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
  const front = new TextEncoder().encode('0 0 1 1 re f\n');
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R >>',
    { dictionary: `<< /Length ${front.length} >>`, stream: front },
    { dictionary: `<< /Length ${compressed.length} /Filter /FlateDecode >>`, stream: compressed },
  ]);
}

type PdfObject = string | { readonly dictionary: string; readonly stream: Uint8Array };

/** Objects 1…n, a cross-reference table with their byte offsets (ISO 32000-1 §7.5.4) and the trailer. */
function assemblePdf(objects: readonly PdfObject[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode('%PDF-1.7\n')];
  let length = parts[0].length;
  const offsets: number[] = [];
  const push = (part: Uint8Array) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((object, i) => {
    offsets.push(length);
    if (typeof object === 'string') push(encoder.encode(`${i + 1} 0 obj\n${object}\nendobj\n`));
    else {
      push(encoder.encode(`${i + 1} 0 obj\n${object.dictionary}\nstream\n`));
      push(object.stream);
      push(encoder.encode('\nendstream\nendobj\n'));
    }
  });
  const xref = length;
  const rows = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  push(encoder.encode(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return concatBytes(...parts);
}
