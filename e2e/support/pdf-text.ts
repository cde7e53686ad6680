// The text and page count of a PDF that Chromium printed, for browser tests that check what
// landed on paper. Chromium (Skia) embeds subset fonts: glyph ids in compressed content streams,
// with a ToUnicode map per font. This reads just that: inflate every stream, parse the maps,
// decode the strings shown with Tj / TJ under the font chosen by Tf. Not a general PDF reader.
import zlib from "node:zlib";

type CMap = Map<number, string>;

function objects(pdf: Buffer) {
  const text = pdf.toString("latin1");
  const found = new Map<string, { dict: string; stream: Buffer | null }>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!;
    const s = body.indexOf("stream");
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0) {
      dict = body.slice(0, s);
      const start = m.index + m[0].indexOf(body) + s + "stream".length + (body[s + 6] === "\r" ? 2 : 1);
      const end = text.lastIndexOf("endstream", m.index + m[0].length);
      const raw = pdf.subarray(start, end);
      try {
        stream = /FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw;
      } catch {
        stream = null;
      }
    }
    found.set(m[1]!, { dict, stream });
  }
  return found;
}

const hexCodes = (hex: string, width: number) => {
  const codes: number[] = [];
  const h = hex.replace(/\s+/g, "");
  for (let i = 0; i + width * 2 <= h.length; i += width * 2) codes.push(parseInt(h.slice(i, i + width * 2), 16));
  return codes;
};
const utf16 = (hex: string) => String.fromCharCode(...hexCodes(hex, 2));

function parseCMap(src: string): { map: CMap; width: number } {
  const map: CMap = new Map();
  const range = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/.exec(/begincodespacerange([\s\S]*?)endcodespacerange/.exec(src)?.[1] ?? "");
  const width = range ? range[1]!.length / 2 : 2;
  for (const block of src.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, uni] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(code!, 16), utf16(uni!));
  for (const block of src.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const a = parseInt(lo!, 16);
      const b = parseInt(hi!, 16);
      if (rest!.startsWith("[")) [...rest!.matchAll(/<([0-9a-fA-F]*)>/g)].forEach(([, u], i) => map.set(a + i, utf16(u!)));
      else {
        const base = hexCodes(rest!.slice(1, -1), 2);
        for (let c = a; c <= b; c++) map.set(c, String.fromCharCode(...base.slice(0, -1), base[base.length - 1]! + (c - a)));
      }
    }
  }
  return { map, width };
}

function literal(s: string) {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" } as Record<string, string>)[e] ?? e));
}

/**
 * Page count, the shown text (one line per text object) and the filled rectangles of a PDF
 * printed by Chromium. An SVG barcode's bars arrive as filled rectangles of one height.
 */
export function readPdf(pdf: Buffer): { pages: number; text: string; rects: { width: number; height: number }[] } {
  const objs = objects(pdf);
  const pageDicts = [...objs.values()].filter((o) => /\/Type\s*\/Page(?![s\w])/.test(o.dict));
  const pages = pageDicts.length;
  const contentRefs = new Set(pageDicts.flatMap((p) => [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(p.dict)?.[1] ?? "").matchAll(/(\d+) 0 R/g)].map((m) => m[1]!)));
  // Font resource name → its ToUnicode map (Skia names fonts uniquely per document).
  const fonts = new Map<string, { map: CMap; width: number }>();
  for (const o of objs.values()) {
    for (const fontDict of o.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const [, name, ref] of fontDict[1]!.matchAll(/\/([^\s/<>]+)\s+(\d+) 0 R/g)) {
        const font = objs.get(ref!);
        const toUnicode = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict)?.[1];
        const cmap = toUnicode ? objs.get(toUnicode)?.stream : null;
        if (cmap) fonts.set(name!, parseCMap(cmap.toString("latin1")));
      }
    }
  }
  const lines: string[] = [];
  const rects: { width: number; height: number }[] = [];
  for (const ref of contentRefs) {
    const content = objs.get(ref)?.stream?.toString("latin1");
    if (!content) continue;
    for (const [, w, h] of content.matchAll(/(?:^|\s)[-\d.]+ [-\d.]+ ([-\d.]+) ([-\d.]+) re\s+f(?=\s)/g)) rects.push({ width: Number(w), height: Number(h) });
    for (const block of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      let font: { map: CMap; width: number } | undefined;
      let line = "";
      for (const t of block[1]!.matchAll(/\/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
        if (t[1] !== undefined) font = fonts.get(t[1]);
        else if (t[2] !== undefined) line += hexCodes(t[2], font?.width ?? 2).map((c) => font?.map.get(c) ?? "").join("");
        else if (t[3] !== undefined) line += [...literal(t[3])].map((ch) => font?.map.get(ch.charCodeAt(0)) ?? ch).join("");
      }
      lines.push(line);
    }
  }
  return { pages, text: lines.join("\n"), rects };
}
