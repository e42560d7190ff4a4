import type { Faker } from '@faker-js/faker';
import type { Priority } from '@switchboard/contracts';
import type { ClientVoice, DemoCustomer, DetailsMaker } from './scenario.js';

export const persianDigits = (value: string) => value.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

const priorityLabel: Record<Priority, string> = { low: 'کم', normal: 'عادی', high: 'بالا', urgent: 'فوری' };

export const golestanVoice: ClientVoice = {
  language: 'fa',
  digits: persianDigits,
  emailGreeting: (first) => `${first} عزیز،`,
  agentSignOff: (agent, client) => `با احترام،\n${agent}\nپشتیبانی ${client}`,
  customerSignOff: (first) => `با تشکر،\n${first}`,
  chatGreeting: (first, agent) => `سلام ${first} جان، ${agent} هستم از پشتیبانی گلستان. الان بررسی می‌کنم.`,
  continueChat: (answer) => answer.replace(/^سلام[،.]\s*/, ''),
  nudges: ['سلام، خبری نشد؟', 'ببخشید، پیام قبلی‌ام را دیدید؟ هنوز منتظر جواب هستم.', 'لطفاً پیگیری کنید، ممنون.'],
  thanks: ['خیلی ممنون، لطف کردید.', 'مرسی از راهنمایی‌تان.', 'عالی، سپاس.'],
  duration: (seconds) => persianDigits(`${Math.floor(seconds / 60)} دقیقه و ${seconds % 60} ثانیه`),
  inboundCall: (duration, topic) => `تماس ورودی، ${duration} — تماس‌گیرنده درباره‌ی ${topic} پرسید.`,
  missedCall: (duration, topic) =>
    `تماس بی‌پاسخ، پیام صوتی ${duration} — تماس‌گیرنده درباره‌ی ${topic} پیغام گذاشت و درخواست تماس دارد.`,
  callNotes: (answer) => `یادداشت تماس: ${answer}`,
  calledBack: (agent, duration) => `${agent} با مشتری تماس گرفت (${duration}).`,
  autoAssigned: (agent) => `گفتگو به‌طور خودکار به ${agent} سپرده شد.`,
  escalated: (agent, tier) => `گفتگو به سطح ${persianDigits(String(tier))} ارجاع و به ${agent} سپرده شد.`,
  resolved: (agent) => `${agent} گفتگو را حل‌شده علامت زد.`,
  pending: (agent) => `${agent} وضعیت گفتگو را «در انتظار» گذاشت.`,
  snoozed: (agent, days) => `${agent} گفتگو را ${persianDigits(String(days))} روز به تعویق انداخت.`,
  priorityRaised: (agent, to) => `${agent} اولویت را به «${priorityLabel[to]}» تغییر داد.`,
  escalationNote: (topic) => `نیاز به کارشناس: ${topic}. با جزئیات بالا ارجاع می‌دهم.`,
};

const groupThousands = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '٬');

/** Order numbers, prices in toman and tracking codes the way an Iranian shop writes them. */
export const golestanDetails: DetailsMaker = (faker) => ({
  order: persianDigits(String(faker.number.int({ min: 20_000, max: 89_999 }))),
  amount: `${persianDigits(groupThousands(faker.number.int({ min: 18, max: 240 }) * 50_000))} تومان`,
  days: persianDigits(String(faker.number.int({ min: 2, max: 6 }))),
  code: faker.helpers.arrayElement(['GOL15', 'NOWRUZ', 'BAHAR20', 'YALDA10']),
  tracking: persianDigits(faker.string.numeric(12)),
  size: '',
});

/** Customers with Persian names; addresses on example.com so no demo mail can ever reach a real inbox. */
export function golestanCustomer(faker: Faker): DemoCustomer {
  const sex = faker.helpers.arrayElement(['female', 'male'] as const);
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName(sex);
  return {
    name: `${firstName} ${lastName}`,
    firstName,
    email: faker.internet.email({ provider: 'example.com' }).toLowerCase(),
    phone: `+989${faker.string.numeric(9)}`,
    locale: 'fa',
  };
}
