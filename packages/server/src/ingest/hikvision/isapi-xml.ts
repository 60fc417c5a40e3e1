/**
 * ISAPI XML as plain objects, read defensively: the XML comes from a device on the network, so
 * a DOCTYPE (the door to entity expansion and external entities) is refused outright, entities
 * are never processed, nesting is capped and so is the size. Every value stays a string.
 */
import { XMLParser } from 'fast-xml-parser';
import { DecodeError } from '../decoder.types.ts';

/** An ANPR alert is a few KiB; anything near this is not one (and the parser's checks grow faster than linearly). */
export const MAX_XML_BYTES = 64 * 1024;
/** One start tag with its attributes; ISAPI's are a few dozen bytes. */
export const MAX_TAG_BYTES = 2048;
/** EventNotificationAlert nests 4 deep; 32 leaves room for firmware extensions. */
export const MAX_XML_DEPTH = 32;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_XML_DEPTH,
  isArray: (name) => name === 'pictureInfo',
});

/**
 * The XML document as an object tree of strings.
 * @throws DecodeError for a DOCTYPE or entity declaration, XML too large or too deep, or XML the
 *   parser cannot read.
 * @example parseIsapiXml('<EventNotificationAlert><eventType>ANPR</eventType></EventNotificationAlert>')
 */
export function parseIsapiXml(xml: string): Record<string, unknown> {
  if (Buffer.byteLength(xml, 'utf8') > MAX_XML_BYTES) throw new DecodeError(`XML larger than ${MAX_XML_BYTES} bytes`);
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new DecodeError('XML with a DOCTYPE or entity declaration is refused (ISAPI never sends one)');
  checkShape(xml);
  try {
    const doc = parser.parse(xml, true) as unknown;
    if (typeof doc !== 'object' || doc === null) throw new DecodeError('XML without elements');
    return doc as Record<string, unknown>;
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`unreadable XML: ${(e as Error).message.split('\n')[0].slice(0, 200)}`, { cause: e });
  }
}

/**
 * Nesting depth and tag size, by a linear scan of tags (no recursion, so no stack to exhaust),
 * before the parser sees the text.
 */
function checkShape(xml: string): void {
  let depth = 0;
  const tag = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/g;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    if (m[0].length > MAX_TAG_BYTES) throw new DecodeError(`XML tag <${m[2].slice(0, 40)}> longer than ${MAX_TAG_BYTES} bytes`);
    if (m[1] === '/') depth--;
    else if (m[3] !== '/' && ++depth > MAX_XML_DEPTH) throw new DecodeError(`XML nested deeper than ${MAX_XML_DEPTH} elements`);
  }
  // an unterminated start tag never matches above: bound it too
  const open = xml.lastIndexOf('<');
  if (open >= 0 && xml.indexOf('>', open) < 0 && xml.length - open > MAX_TAG_BYTES) throw new DecodeError(`XML ends inside a tag longer than ${MAX_TAG_BYTES} bytes`);
}
