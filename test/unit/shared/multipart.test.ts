/**
 * The multipart body of an upload, byte by byte.
 */
import { buildMultipart } from '../../../nodes/WhatsAppCloud/shared/multipart';

describe('multipart body', () => {
	it('fields then file, CRLF framing, the closing boundary; binary bytes kept exactly', () => {
		const data = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
		const { body, contentType } = buildMultipart(
			[
				{ field: 'messaging_product', value: 'whatsapp' },
				{ field: 'type', value: 'image/png' },
			],
			[{ field: 'file', fileName: 'a "b".png', contentType: 'image/png', data }],
			'BOUNDARY42',
		);
		expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY42');
		const expected = Buffer.concat([
			Buffer.from(
				'--BOUNDARY42\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n' +
					'--BOUNDARY42\r\nContent-Disposition: form-data; name="type"\r\n\r\nimage/png\r\n' +
					'--BOUNDARY42\r\nContent-Disposition: form-data; name="file"; filename="a \\"b\\".png"\r\nContent-Type: image/png\r\n\r\n',
			),
			data,
			Buffer.from('\r\n--BOUNDARY42--\r\n'),
		]);
		expect(body.equals(expected)).toBe(true);
	});

	it("random boundaries differ and stay within RFC 2046's 70 characters", () => {
		const a = buildMultipart([], []).boundary;
		const b = buildMultipart([], []).boundary;
		expect(a).not.toBe(b);
		expect(a.length).toBeLessThanOrEqual(70);
	});

	it('file names cannot break the header (CR/LF removed)', () => {
		const { body } = buildMultipart(
			[],
			[
				{
					field: 'file',
					fileName: 'x\r\nInjected: 1',
					contentType: 'text/plain',
					data: Buffer.from('t'),
				},
			],
			'B',
		);
		expect(body.toString()).toContain('filename="x Injected: 1"');
	});
});
