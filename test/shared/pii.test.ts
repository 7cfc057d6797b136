import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_SCRUBBERS, describeScrubbed, findPersonalData, luhnValid, SCRUB_MARKERS, scrubText, scrubUrl } from '#shared/pii';

const only = (kind: 'email' | 'phone' | 'card' | 'token') => ({ email: false, phone: false, card: false, token: false, [kind]: true });

describe('luhnValid', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '79927398713'])('accepts %s', (digits) => {
    expect(luhnValid(digits)).toBe(true);
  });

  it.each(['4111111111111112', '1234567812345678', '79927398710', '4111-1111', ''])('refuses %j', (digits) => {
    expect(luhnValid(digits)).toBe(false);
  });
});

describe('scrubText: emails', () => {
  it.each([
    ['Write to jane.doe+billing@example.co.uk today', 'Write to [email] today'],
    ['<JOHN_SMITH@Example.COM>', '<[email]>'],
    ['a@b.io, c@d.org', '[email], [email]'],
  ])('%j → %j', (input, output) => {
    expect(scrubText(input, only('email')).text).toBe(output);
  });

  it.each(['icon@2x.png', 'user@localhost', 'an @ sign', 'npm i @scope/pkg@1.2.3'])('leaves %j', (text) => {
    expect(scrubText(text).text).toBe(text);
  });
});

describe('scrubText: phone numbers', () => {
  it.each([
    '+1 (555) 123-4567',
    '555-123-4567',
    '(555) 123 4567',
    '555.123.4567',
    '+44 20 7946 0958',
    '020 7946 0958',
    '06 12 34 56 78',
    '+4915112345678',
  ])('hides %j', (phone) => {
    expect(scrubText(`Call ${phone} now`, only('phone'))).toEqual({
      text: 'Call [phone] now',
      found: { email: 0, phone: 1, card: 0, token: 0 },
    });
  });

  it.each([
    ['dates', 'Paid on 2024-01-15, due 15.02.2024, sent 01/15/2024 and 15-01-2024'],
    ['times', 'between 09:30 and 17:45:10, 2024-01-15 12:30'],
    ['order numbers', 'Order #100234567, order 1002345678, ORD-2024-000123, INV-555-123-4567'],
    ['versions', 'Chrome 131.0.6778.86, v2.3.14, version 10.15.7'],
    ['IP addresses', 'from 192.168.100.200'],
    ['short numbers', '42 seats, 8812, 3 of 7, 1 234'],
    ['amounts', '$1,234,567.89 or 12 345 678 users'],
    ['year ranges', '2019 2020 2021'],
    ['decimals', 'pi is 3.14159265'],
  ])('leaves %s alone', (_what, text) => {
    expect(scrubText(text).text).toBe(text);
  });
});

describe('scrubText: card numbers', () => {
  it.each(['4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '3782 822463 10005', '5555555555554444'])(
    'hides %j',
    (card) => {
      expect(scrubText(`Card: ${card}.`, only('card')).text).toBe('Card: [card].');
    },
  );

  it.each([
    ['a number failing the checksum', '4111 1111 1111 1112'],
    ['a long order id', 'Order 1234567812345678'],
    ['all zeros', '0000 0000 0000 0000'],
    ['digits grouped unlike a card', '4111 11 11 1111 1111'],
    ['a longer run of digits', '41111111111111110000000'],
  ])('leaves %s', (_what, text) => {
    expect(scrubText(text, only('card')).text).toBe(text);
  });

  it('finds any valid card number, however it is grouped', () => {
    const cardNumber = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 })
      .map((digits) => {
        const body = `4${digits.join('')}`.slice(0, 15);
        const check = [...Array(10).keys()].find((digit) => luhnValid(`${body}${digit}`)) ?? 0;
        return `${body}${check}`;
      })
      .filter((digits) => !/^(\d)\1+$/.test(digits));
    fc.assert(
      fc.property(cardNumber, fc.constantFrom('', ' ', '-'), (digits, separator) => {
        const grouped = digits.match(/\d{4}/g)?.join(separator) ?? digits;
        expect(scrubText(`paid with ${grouped} yesterday`, only('card')).text).toBe('paid with [card] yesterday');
      }),
    );
  });
});

describe('scrubUrl', () => {
  it.each([
    ['https://app.example.com/cb?code=abc123&state=xyz', 'https://app.example.com/cb?code=[redacted]&state=xyz'],
    ['https://a.example/x?access_token=abc&api_key=def&apiKey=ghi&clientSecret=jkl', 'https://a.example/x?access_token=[redacted]&api_key=[redacted]&apiKey=[redacted]&clientSecret=[redacted]'],
    ['https://a.example/x?password=hunter2&sig=aa&X-Amz-Signature=bb&session_id=cc', 'https://a.example/x?password=[redacted]&sig=[redacted]&X-Amz-Signature=[redacted]&session_id=[redacted]'],
    ['https://a.example/#access_token=abc&token_type=bearer', 'https://a.example/#access_token=[redacted]&token_type=bearer'],
    ['https://a.example/x?ref=Zm9vYmFyYmF6cXV4UXV1eDEyMzQ1Njc4OQ', 'https://a.example/x?ref=[redacted]'],
    ['https://a.example/x?email=jane%40example.com&page=2', 'https://a.example/x?email=[email]&page=2'],
    ['https://a.example/users/jane@example.com/cards', 'https://a.example/users/[email]/cards'],
    ['https://a.example/x?next=https%3A%2F%2Fb.example%2F%3Ftoken%3Dabc', 'https://a.example/x?next=https%3A%2F%2Fb.example%2F%3Ftoken%3D[redacted]'],
  ])('%s', (input, output) => {
    expect(scrubUrl(input).text).toBe(output);
    expect(URL.canParse(scrubUrl(input).text)).toBe(true);
  });

  it.each([
    'https://app.example.com/accounts/8812?tab=billing&page=2',
    'https://a.example/x?postal_code=10115&country_code=DE&keyword=shoes',
    'https://a.example/x?id=550e8400-e29b-41d4-a716-446655440000',
    'https://a.example/blog/my-long-article-title-2024-edition?utm_source=newsletter-2024-january',
    'https://a.example/#:~:text=export%20button',
    'http://127.0.0.1:8080/account.html',
  ])('leaves %s unchanged', (url) => {
    expect(scrubUrl(url).text).toBe(url);
  });

  it('keeps the host and path even when a user name looks like an email', () => {
    expect(scrubUrl('https://jane@example.com/x?token=abc').text).toBe('https://jane@example.com/x?token=[redacted]');
  });

  it('does nothing with the token scrubber off', () => {
    expect(scrubUrl('https://a.example/x?token=abc', only('email')).text).toBe('https://a.example/x?token=abc');
  });
});

describe('scrubText: secrets', () => {
  it.each([
    ['see https://a.example/reset?token=abc123 now', 'see https://a.example/reset?token=[redacted] now'],
    ['Authorization: Bearer abcdefghijklmnop1234', 'Authorization: Bearer [redacted]'],
    ['password: hunter22', 'password: [redacted]'],
    ['api_key=sk_live_abcdef123456', 'api_key=[redacted]'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz', 'jwt [redacted]'],
  ])('%j → %j', (input, output) => {
    expect(scrubText(input, only('token')).text).toBe(output);
  });

  it.each(['The token expired yesterday.', 'I forgot my password: again!', 'Reset the session please'])('leaves prose: %j', (text) => {
    expect(scrubText(text).text).toBe(text);
  });
});

describe('scrubText', () => {
  it('counts each kind it hid', () => {
    const { found } = scrubText('jane@example.com, +1 555 123 4567, 4111111111111111, https://a.example/?key=abc', ALL_SCRUBBERS);
    expect(found).toEqual({ email: 1, phone: 1, card: 1, token: 1 });
    expect(describeScrubbed(found)).toEqual(['1 email address', '1 phone number', '1 card number', '1 secret or token']);
    expect(describeScrubbed({ email: 2, phone: 0, card: 0, token: 3 })).toEqual(['2 email addresses', '3 secrets or tokens']);
  });

  it('changes nothing with every scrubber off', () => {
    const text = 'jane@example.com 555-123-4567 4111111111111111 https://a.example/?token=abc';
    expect(scrubText(text, { email: false, phone: false, card: false, token: false }).text).toBe(text);
  });

  it('never changes text without digits, @ or links', () => {
    fc.assert(
      fc.property(fc.string().filter((text) => !/[\d@:]/.test(text)), (text) => {
        expect(scrubText(text).text).toBe(text);
      }),
    );
  });

  it('is idempotent', () => {
    const text = 'Mail jane@example.com, call 555-123-4567, card 4111 1111 1111 1111, https://a.example/?token=abc&x=1';
    const once = scrubText(text).text;
    expect(scrubText(once).text).toBe(once);
  });
});

describe('findPersonalData', () => {
  const samples = [
    'Jane (jane@example.com) called from +1 555 0100 about card 4111 1111 1111 1111.',
    'Order 1234567890123 on 2024-01-05, version 1.2.3, phone (030) 1234-5678, card 4111-1111-1111-1112',
    'icon@2x.png and mail bob.smith@mail.example.org; 555.123.4567',
  ];

  it('finds what scrubText hides, at the offsets it hides', () => {
    for (const text of samples) {
      const matches = findPersonalData(text);
      let rebuilt = '';
      let at = 0;
      for (const match of matches) {
        rebuilt += text.slice(at, match.start) + SCRUB_MARKERS[match.kind];
        at = match.end;
      }
      rebuilt += text.slice(at);
      expect(rebuilt).toBe(scrubText(text, { ...ALL_SCRUBBERS, token: false }).text);
    }
  });

  it('names each kind, checks cards with Luhn, and looks only for the kinds asked', () => {
    const text = samples[0] ?? '';
    expect(findPersonalData(text).map((match) => [match.kind, text.slice(match.start, match.end)])).toEqual([
      ['email', 'jane@example.com'],
      ['phone', '+1 555 0100'],
      ['card', '4111 1111 1111 1111'],
    ]);
    expect(findPersonalData('card 4111 1111 1111 1112')).toEqual([]);
    expect(findPersonalData(text, { email: false, phone: true, card: false }).map((match) => match.kind)).toEqual(['phone']);
  });
});
