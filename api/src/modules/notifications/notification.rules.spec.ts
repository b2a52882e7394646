import { NotificationChannel, SuppressionReason } from './notification.entity';
import { NOTIFICATION_KINDS } from './notification.kinds';
import { customerDecision, placeholderProblems, render, sendableAt } from './notification.rules';

describe('template placeholders', () => {
  const allowed = ['customerName', 'caseNo'];

  it('accepts known placeholders, with or without spaces', () => {
    expect(placeholderProblems('{{customerName}}您好，工单 {{ caseNo }} 已处理', allowed)).toEqual([]);
  });

  it('names an unknown placeholder and lists the allowed ones', () => {
    const [problem] = placeholderProblems('{{customerName}}您好，订单 {{orderNo}}', allowed);
    expect(problem).toEqual({ placeholder: 'orderNo', message: 'unknown placeholder {{orderNo}}; this kind of message may use {{customerName}}, {{caseNo}}' });
  });

  it('refuses unclosed braces and names that are not names', () => {
    expect(placeholderProblems('您好 {{customerName', allowed)[0]!.message).toContain('unclosed');
    expect(placeholderProblems('{{客户}}', allowed)[0]!.placeholder).toBe('客户');
  });

  it('renders values, leaving nothing of a missing one', () => {
    expect(render('{{customerName}}您好，{{ caseNo }}{{x}}', { customerName: '王芳', caseNo: 'EAST-CS-1' })).toBe('王芳您好，EAST-CS-1');
  });

  it('every built-in wording uses only its kind’s placeholders', () => {
    for (const kind of NOTIFICATION_KINDS)
      for (const wording of Object.values(kind.defaults) as { subject: string; body: string }[]) for (const text of [wording.subject, wording.body]) expect({ kind: kind.key, problems: placeholderProblems(text, Object.keys(kind.placeholders)) }).toEqual({ kind: kind.key, problems: [] });
  });
});

describe('quiet hours', () => {
  const night = { quietHoursStart: '21:00', quietHoursEnd: '08:00', timeZone: 'Asia/Shanghai' };

  it('holds a message decided at 23:30 Shanghai until 08:00 the next local day (a different UTC day)', () => {
    // 2028-02-29 23:30 Asia/Shanghai is 15:30 UTC on the 29th; 08:00 on 1 March local is 00:00 UTC on 1 March.
    expect(sendableAt(night, new Date('2028-02-29T15:30:00Z')).toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  it('lets a daytime message go at once, and the first minute after quiet hours too', () => {
    const noon = new Date('2026-11-29T04:00:00Z');
    expect(sendableAt(night, noon)).toEqual(noon);
    expect(sendableAt(night, new Date('2026-11-29T00:00:00Z')).toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(sendableAt(night, new Date('2026-11-28T23:59:00Z')).toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });

  it('handles a window inside one day, and no quiet hours at all', () => {
    const lunch = { quietHoursStart: '12:00', quietHoursEnd: '13:30', timeZone: 'Asia/Shanghai' };
    expect(sendableAt(lunch, new Date('2026-11-29T04:10:00Z')).toISOString()).toBe('2026-11-29T05:30:00.000Z');
    const at = new Date('2026-11-29T15:00:00Z');
    expect(sendableAt({ quietHoursStart: null, quietHoursEnd: null, timeZone: 'Asia/Shanghai' }, at)).toEqual(at);
  });
});

describe('who may be written to', () => {
  const customer = { name: '王芳', phone: '13800001111', email: null, consentSms: true, consentWechat: false, consentMarketing: false };

  it('sends SMS to a customer who agreed to it', () => {
    expect(customerDecision(customer, NotificationChannel.SMS, [])).toEqual({ send: true, address: '13800001111' });
  });

  it('an opt-out wins over consent and says when and why', () => {
    const decision = customerDecision(customer, NotificationChannel.SMS, [{ channel: NotificationChannel.SMS, reason: '回复 TD 退订', createdAt: new Date('2026-11-20T02:00:00Z') }]);
    expect(decision).toMatchObject({ send: false, reason: SuppressionReason.OPTED_OUT });
    expect((decision as { note: string }).note).toContain('2026-11-20');
    expect((decision as { note: string }).note).toContain('回复 TD 退订');
    expect(customerDecision(customer, NotificationChannel.EMAIL, [{ channel: null, reason: '电话要求', createdAt: new Date() }])).toMatchObject({ send: false, reason: SuppressionReason.OPTED_OUT });
  });

  it('no consent, no marketing consent, no address: not sent, each with its reason', () => {
    expect(customerDecision(customer, NotificationChannel.WECHAT, [])).toMatchObject({ send: false, reason: SuppressionReason.NO_CONSENT });
    expect(customerDecision(customer, NotificationChannel.SMS, [], true)).toMatchObject({ send: false, reason: SuppressionReason.NO_CONSENT });
    expect(customerDecision(customer, NotificationChannel.EMAIL, [])).toMatchObject({ send: false, reason: SuppressionReason.NO_ADDRESS });
  });
});
