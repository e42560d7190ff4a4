import type { AgencyRole, Capacity } from '@switchboard/contracts';

export const demoPassword = 'switchboard';

/** The slug of each demo client; agents list the clients they serve by it. */
export type DemoClientSlug = 'acme' | 'golestan';

export type DemoAgencyUser = {
  email: string;
  name: string;
  /** How the agent signs Persian replies and appears in Persian activity lines. */
  nameFa: string;
  role: AgencyRole;
  tier: 1 | 2 | 3;
  skills: string[];
  languages: string[];
  capacity: Capacity;
  locale: 'en' | 'fa';
  serves: DemoClientSlug[];
  /**
   * Presence at seed time. Nobody starts online: routing would hand the demo's waiting conversations
   * out before anyone looks. An agent goes online from the desk header; presence without an open desk
   * decays to offline after the grace period.
   */
  presence: 'away' | 'offline';
};

export const demoAgencyUsers: readonly DemoAgencyUser[] = [
  {
    email: 'admin@demo.test',
    name: 'Dana Admin',
    nameFa: 'دانا',
    role: 'owner',
    tier: 3,
    skills: ['billing', 'contracts'],
    languages: ['en'],
    capacity: { email: 10, chat: 2, phone: 1 },
    locale: 'en',
    serves: [],
    presence: 'offline',
  },
  {
    email: 'supervisor@demo.test',
    name: 'Sam Carter',
    nameFa: 'سم',
    role: 'supervisor',
    tier: 3,
    skills: ['orders', 'returns', 'billing', 'technical'],
    languages: ['en', 'fa'],
    capacity: { email: 15, chat: 3, phone: 1 },
    locale: 'en',
    serves: [],
    presence: 'offline',
  },
  {
    email: 'agent1@demo.test',
    name: 'Nima Farahani',
    nameFa: 'نیما فراهانی',
    role: 'agent',
    tier: 1,
    skills: ['orders', 'returns', 'delivery'],
    languages: ['en', 'fa'],
    capacity: { email: 20, chat: 4, phone: 1 },
    locale: 'en',
    serves: ['acme', 'golestan'],
    presence: 'away',
  },
  {
    email: 'agent2@demo.test',
    name: 'Jordan Blake',
    nameFa: 'جردن',
    role: 'agent',
    tier: 2,
    skills: ['returns', 'billing', 'technical', 'warranty'],
    languages: ['en'],
    capacity: { email: 15, chat: 3, phone: 1 },
    locale: 'en',
    serves: ['acme'],
    presence: 'offline',
  },
  {
    email: 'agent3@demo.test',
    name: 'Leila Hosseini',
    nameFa: 'لیلا حسینی',
    role: 'agent',
    tier: 3,
    skills: ['plant-care', 'billing', 'technical', 'orders'],
    languages: ['fa', 'en'],
    capacity: { email: 12, chat: 3, phone: 1 },
    locale: 'fa',
    serves: ['golestan'],
    presence: 'away',
  },
];

/** Per-client routing of the demo: a specialist rule each, so the board and the admin tab show one. */
export const demoRouting: Record<
  DemoClientSlug,
  { preferredWaitSeconds: number; reassignAfterSeconds: number; specialistRules: { tag: string; skill: string }[] }
> = {
  acme: {
    preferredWaitSeconds: 180,
    reassignAfterSeconds: 900,
    specialistRules: [{ tag: 'warranty', skill: 'warranty' }],
  },
  golestan: {
    preferredWaitSeconds: 300,
    reassignAfterSeconds: 1200,
    specialistRules: [{ tag: 'plant-care', skill: 'plant-care' }],
  },
};

export type DemoClient = {
  slug: DemoClientSlug;
  name: string;
  /** The name as the client's own customers write it. */
  localName: string;
  locale: 'en' | 'fa';
  timezone: string;
  ticketPrefix: string;
  supportAddress: string;
  senderName: string;
  chatGreeting: string;
  inboxNames: { email: string; chat: string; phone: string };
  phoneNumber: string;
  users: { email: string; name: string; locale: 'en' | 'fa' }[];
};

export const demoClients: readonly DemoClient[] = [
  {
    slug: 'acme',
    name: 'Acme Outdoor',
    localName: 'Acme Outdoor',
    locale: 'en',
    timezone: 'America/New_York',
    ticketPrefix: 'Acme',
    supportAddress: 'support@acme.demo.test',
    senderName: 'Acme Outdoor Support',
    inboxNames: { email: 'Support e-mail', chat: 'Website chat', phone: 'Phone line' },
    chatGreeting: 'Hi there! Questions about gear, sizing or your order? We usually reply within a minute.',
    phoneNumber: '+15555550100',
    users: [
      { email: 'owner@acme.demo.test', name: 'Alex Rivera', locale: 'en' },
      { email: 'ops@acme.demo.test', name: 'Morgan Lee', locale: 'en' },
    ],
  },
  {
    slug: 'golestan',
    name: 'Golestan',
    localName: 'گلستان',
    locale: 'fa',
    timezone: 'Asia/Tehran',
    ticketPrefix: 'GLS',
    supportAddress: 'support@golestan.demo.test',
    senderName: 'پشتیبانی گلستان',
    inboxNames: { email: 'ایمیل پشتیبانی', chat: 'گفتگوی آنلاین سایت', phone: 'خط تلفن فروشگاه' },
    chatGreeting: 'سلام! برای سفارش گل، ارسال یا نگهداری گیاه سؤالی دارید؟ در خدمتیم.',
    phoneNumber: '+982100000100',
    users: [
      { email: 'owner@golestan.demo.test', name: 'Sara Ahmadi', locale: 'fa' },
      { email: 'shop@golestan.demo.test', name: 'Reza Karimi', locale: 'fa' },
    ],
  },
];

/** Printed by the server at start-up so a visitor knows how to look around. */
export const demoSignIns: readonly { email: string; role: string }[] = [
  { email: 'admin@demo.test', role: 'agency owner (admin)' },
  { email: 'supervisor@demo.test', role: 'supervisor, sees every client' },
  { email: 'agent1@demo.test', role: 'agent, tier 1, English + Persian, serves Acme Outdoor and Golestan' },
  { email: 'agent2@demo.test', role: 'agent, tier 2, English, serves Acme Outdoor' },
  { email: 'agent3@demo.test', role: 'agent, tier 3, Persian + English, serves Golestan' },
  { email: 'owner@acme.demo.test', role: 'client user, Acme Outdoor (portal)' },
  { email: 'owner@golestan.demo.test', role: 'client user, Golestan (portal, Persian)' },
];
