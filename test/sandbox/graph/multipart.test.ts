import { parseMultipart } from '../../../sandbox/graph/multipart';

describe('multipart/form-data parser', () => {
	it('multipart parser unescapes quoted file names', () => {
		const body = Buffer.from(
			'--b\r\nContent-Disposition: form-data; name="file"; filename="say \\"hi\\".pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b--\r\n',
		);
		const [part] = parseMultipart(body, 'multipart/form-data; boundary=b');
		expect(part).toMatchObject({
			name: 'file',
			filename: 'say "hi".pdf',
			contentType: 'application/pdf',
		});
		expect(part.data.toString()).toBe('%PDF');
	});

	it('multipart parser handles quoted boundaries and binary content', () => {
		const bin = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
		const body = Buffer.concat([
			Buffer.from(
				'----sbx 42\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n----sbx 42\r\n',
			),
			Buffer.from(
				'Content-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: image/png\r\n\r\n',
			),
			bin,
			Buffer.from('\r\n----sbx 42--\r\n'),
		]);
		const parts = parseMultipart(body, 'multipart/form-data; boundary="--sbx 42"');
		expect(parts.map((p) => p.name)).toEqual(['messaging_product', 'file']);
		expect(parts[1]).toMatchObject({ filename: 'a.bin', contentType: 'image/png' });
		expect(parts[1].data).toEqual(bin);
	});
});
