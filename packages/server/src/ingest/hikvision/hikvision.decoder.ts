/**
 * Decoder for Hikvision ANPR cameras' ISAPI alarm push (HTTP listening / "alarm server"): an
 * `EventNotificationAlert` XML with `eventType` ANPR, alone or in a multipart body with the
 * pictures (`anpr.xml` + `licensePlatePicture.jpg`, `detectionPicture.jpg`, …).
 *
 * Quirks: `dateTime` is ISO 8601 with the camera's offset (older firmware leave it out: then the
 * source's time zone is used); `confidenceLevel` is 0–100; a plate the camera could not read is
 * `"unknown"`; `country` is a numeric code (not mapped: reads carry a state only); the camera's
 * own list (`vehicleListName` "blackList") becomes a vendor alert; a stored event re-sent after a
 * network outage (`isDataRetransmission`) has the same `UUID`, so it is a duplicate; other event
 * types (the `videoloss` keep-alive every camera sends) are a heartbeat, not an error.
 */
import { normalizePlate, type PlateReadInput, type ReadImage, type VehicleDescription } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload, type SourceHeartbeat } from '../decoder.types.ts';
import { confidence, dms, ignored, plausibleTime, position, stateOf } from '../lpr-fields.ts';
import { splitDevicePost, type MultipartPart } from '../multipart.ts';
import { imageFromBytes, MAX_IMAGES_PER_READ } from '../read-image.ts';
import { parseIsoWithZone } from '../rtcc/iso-time.ts';
import { obj, text } from '../wire-values.ts';
import { zonedToUtc } from '../zoned-time.ts';
import { parseIsapiXml } from './isapi-xml.ts';

export const SOURCE_SYSTEM = 'hikvision';
const MAX_PLATE_TEXT = 32;
/** What the camera writes when it saw a plate but could not read it. */
const NO_PLATE = /^(unknown|no ?plate|none|无车牌|车牌)$/i;

type Json = Record<string, unknown>;

/**
 * Decodes an ISAPI ANPR alert (XML, or multipart with pictures).
 * @throws DecodeError for a body with no XML, XML that is hostile or not an EventNotificationAlert,
 *   or a read without a usable time.
 * @example await hikvisionDecoder.decode({ body, contentType: 'application/xml', receivedAt: Date.now() })
 */
export const hikvisionDecoder = {
  family: SOURCE_SYSTEM,
  async decode(payload: RawPayload): Promise<DecodeResult> {
    const { xml, files } = await parseBody(payload);
    const doc = parseIsapiXml(xml);
    const alert = obj(doc.EventNotificationAlert);
    if (alert === undefined) throw new DecodeError(`not an ISAPI EventNotificationAlert (root: ${Object.keys(doc)[0]?.slice(0, 60) ?? 'none'})`);
    const eventType = text(alert.eventType, 60) ?? 'none';
    const camera = cameraKey(alert);
    if (eventType.toUpperCase() !== 'ANPR') return heartbeat(alert, eventType, camera, payload);
    const anpr = obj(alert.ANPR);
    if (anpr === undefined) throw new DecodeError('ANPR event without an <ANPR> element');
    const plateRaw = typeof anpr.licensePlate === 'string' && anpr.licensePlate.length <= MAX_PLATE_TEXT ? text(anpr.licensePlate) : undefined;
    const plate = plateRaw === undefined || NO_PLATE.test(plateRaw) ? '' : normalizePlate(plateRaw);
    if (plateRaw === undefined || plate === '') return ignored('ANPR event without a readable plate');
    const observedAt = timeOf(alert, anpr, payload);
    const read: PlateReadInput = {
      sourceSystem: SOURCE_SYSTEM,
      sourceEventId: text(alert.UUID, 100) ?? `${camera ?? 'none'}:${observedAt}:${plate}`,
      plate,
      plateRaw,
      confidence: confidence(anpr.confidenceLevel, 100) ?? 0,
      observedAt,
    };
    const state = stateOf(anpr.province) ?? stateOf(anpr.region) ?? stateOf(anpr.countryAbbreviation);
    if (state !== undefined) read.state = state;
    if (camera !== undefined) read.sourceCameraKey = camera;
    const location = locationOf(obj(alert.DeviceGPSInfo));
    if (location !== undefined) read.location = location;
    const vehicle = vehicleOf(anpr);
    if (vehicle !== undefined) read.vehicle = vehicle;
    const images = imagesOf(files);
    if (images.length > 0) read.images = images;
    const list = text(anpr.vehicleListName, 60);
    const alerts = list !== undefined && /^black/i.test(list) ? [{ sourceSystem: SOURCE_SYSTEM, plate, listName: list }] : [];
    return { reads: [read], heartbeats: [], alerts };
  },
} satisfies Decoder;

async function parseBody(payload: RawPayload): Promise<{ xml: string; files: MultipartPart[] }> {
  const { document, files } = await splitDevicePost(payload, { isDocument: (p) => /\.xml$/i.test(p.filename || p.name), looksLike: /^\s*</, missing: 'an XML part such as anpr.xml' });
  return { xml: expectXml(document ?? payload.body.toString('utf8').replace(/^\uFEFF/, '')), files };
}

function expectXml(s: string): string {
  if (s.trim() === '') throw new DecodeError('empty body');
  if (!/^\s*</.test(s)) throw new DecodeError(`not XML: starts with ${JSON.stringify(s.trimStart().slice(0, 20))}`);
  return s;
}

/** The camera by MAC address (stable), else IP address, and channel; else the channel name. */
function cameraKey(a: Json): string | undefined {
  const device = text(a.macAddress, 60) ?? text(a.ipAddress, 60) ?? text(a.ipv6Address, 60);
  const channel = text(a.channelID, 20) ?? text(a.dynChannelID, 20);
  if (device !== undefined) return channel === undefined ? device : `${device}:${channel}`;
  return text(a.channelName, 100);
}

/**
 * `dateTime` with its offset; without one (older firmware) it is camera-local, as is the first
 * picture's `absTime` (YYYYMMDDhhmmssSSS): both then need the source's time zone.
 */
function timeOf(a: Json, anpr: Json, payload: RawPayload): number {
  const raw = text(a.dateTime, 64);
  if (raw !== undefined) {
    const withZone = parseIsoWithZone(raw);
    if ('ms' in withZone && plausibleTime(withZone.ms, payload.receivedAt)) return withZone.ms;
  }
  const local = wallTime(raw) ?? wallTime(absTime(anpr));
  if (local !== undefined && payload.timeZone !== undefined) {
    const ms = zonedToUtc(local, payload.timeZone).ms;
    if (plausibleTime(ms, payload.receivedAt)) return ms;
  }
  const hint = local !== undefined && payload.timeZone === undefined ? ': the camera sent local time without an offset; set the source\'s timeZone' : '';
  throw new DecodeError(`no usable dateTime (${raw === undefined ? 'missing' : JSON.stringify(raw)})${hint}`);
}

function absTime(anpr: Json): string | undefined {
  const pictures = obj(anpr.pictureInfoList)?.pictureInfo;
  return Array.isArray(pictures) ? text(obj(pictures[0])?.absTime, 30) : undefined;
}

/** "2026-03-05T08:15:30", "2026-03-05 08:15:30.120" or "20260305081530120" as wall-clock parts. */
function wallTime(v: string | undefined) {
  const m = v === undefined ? null : /^(\d{4})-?(\d{2})-?(\d{2})[T ]?(\d{2}):?(\d{2}):?(\d{2})(?:\.?(\d{1,3}))?$/.exec(v);
  if (m === null) return undefined;
  const w = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6], ms: m[7] === undefined ? 0 : +m[7].padEnd(3, '0') };
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  return check.getUTCMonth() === w.month - 1 && check.getUTCDate() === w.day && w.hour < 24 && w.minute < 60 && w.second < 60 ? w : undefined;
}

/** DeviceGPSInfo: degrees/minutes/seconds with N/S and E/W letters. */
function locationOf(gps: Json | undefined): [number, number] | undefined {
  if (gps === undefined) return undefined;
  const lat = obj(gps.Latitude);
  const lon = obj(gps.Longitude);
  return position(dms(lat?.degree, lat?.minute, lat?.sec, gps.latitudeType), dms(lon?.degree, lon?.minute, lon?.sec, gps.longitudeType));
}

const UNKNOWN = /^(unknown|other|vehicle|0|)$/i;

/** Colour and type; `vehicleLogoRecog` is a numeric brand code with no public table, so not kept. */
function vehicleOf(anpr: Json): VehicleDescription | undefined {
  const info = obj(anpr.vehicleInfo);
  const v: VehicleDescription = {};
  const color = text(info?.color, 40);
  if (color !== undefined && !UNKNOWN.test(color)) v.color = color;
  const type = text(anpr.vehicleType, 40) ?? text(info?.vehicleType, 40);
  if (type !== undefined && !UNKNOWN.test(type)) v.bodyType = type;
  return Object.keys(v).length > 0 ? v : undefined;
}

/** licensePlatePicture → plate, vehiclePicture → vehicle, detectionPicture (the scene) → overview. */
function imagesOf(files: MultipartPart[]): ReadImage[] {
  const images: ReadImage[] = [];
  for (const f of files) {
    const name = `${f.name} ${f.filename ?? ''}`.toLowerCase();
    const kind = name.includes('plate') ? 'plate' : name.includes('vehicle') ? 'vehicle' : 'overview';
    const image = imageFromBytes(kind, f.data);
    if (image !== undefined && images.length < MAX_IMAGES_PER_READ) images.push(image);
  }
  return images;
}

/** Any other event (videoloss keep-alive, motion, …): the camera is alive, nothing to store. */
function heartbeat(a: Json, eventType: string, camera: string | undefined, payload: RawPayload): DecodeResult {
  const result = ignored(`eventType "${eventType}" carries no plate`);
  if (camera === undefined) return result;
  const beat: SourceHeartbeat = { sourceSystem: SOURCE_SYSTEM, agentId: camera, at: payload.receivedAt, cameras: [{ sourceCameraKey: camera }] };
  const name = text(a.channelName, 100);
  if (name !== undefined) beat.cameras[0].name = name;
  return { ...result, heartbeats: [beat] };
}
