/**
 * Media helpers: media references (ID or link), MIME types and their kinds per Meta's supported
 * types, binary metadata, and the size checks of an upload.
 */
import {
	binaryFileInfo,
	checkUpload,
	extensionFor,
	kindsOf,
	normalizeMimeType,
	readMediaReference,
} from '../../../nodes/WhatsAppCloud/shared/media';
import { problem, value } from '../../support/result';

describe('media helpers', () => {
	it('a media reference is a numeric ID or an http(s) link', () => {
		expect(value(readMediaReference(' 123 ', 'Media', 'm'))).toEqual({ id: '123' });
		expect(value(readMediaReference('https://x.example/a.jpg', 'Media', 'm'))).toEqual({
			link: 'https://x.example/a.jpg',
		});
		expect(problem(readMediaReference('a.jpg', 'Media', 'm')).message).toBe(
			'"a.jpg" in Media is neither a link nor a media ID',
		);
		expect(problem(readMediaReference('', 'Media', 'm')).message).toBe('Media is empty');
	});

	it("MIME types: aliases, parameters dropped, kinds per Meta's table", () => {
		expect(normalizeMimeType('IMAGE/JPG')).toBe('image/jpeg');
		expect(normalizeMimeType('video/3gp')).toBe('video/3gpp');
		expect(normalizeMimeType('audio/ogg; codecs=opus')).toBe('audio/ogg');
		expect(kindsOf('image/webp')).toEqual(['sticker']);
		expect(kindsOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toEqual([
			'document',
		]);
		expect(kindsOf('image/gif')).toEqual([]);
		expect(extensionFor('audio/mpeg')).toBe('mp3');
		expect(extensionFor('application/x-unknown')).toBe('bin');
	});

	it("binary metadata: size from n8n's bytes or from inline base64", () => {
		expect(
			binaryFileInfo({ data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain' })
				?.bytes,
		).toBe(5);
		expect(
			binaryFileInfo({
				data: 'filesystem-v2',
				id: 'filesystem-v2:abc',
				mimeType: 'image/png',
				bytes: 42,
			})?.bytes,
		).toBe(42);
		expect(
			binaryFileInfo({ data: 'filesystem-v2', id: 'filesystem-v2:abc', mimeType: 'image/png' })
				?.bytes,
		).toBeUndefined();
		expect(binaryFileInfo(undefined)).toBeUndefined();
	});

	it('a kind-less upload accepts any supported type, within the largest limit of its kinds', () => {
		expect(
			checkUpload({
				binaryProperty: 'data',
				field: 'f',
				file: { mimeType: 'image/webp', bytes: 400 * 1024 },
				available: ['data'],
			}).ok,
		).toBe(true);
		expect(
			problem(
				checkUpload({
					binaryProperty: 'data',
					field: 'f',
					file: { mimeType: 'video/mp4', bytes: 17 * 1024 * 1024 },
					available: ['data'],
				}),
			).message,
		).toBe('The file in "data" is 17 MB; WhatsApp accepts at most 16 MB for video files');
	});
});
