import type { DemoKnowledge } from './demo-knowledge.js';

/** Acme Outdoor's knowledge base: what its agents answer from, mostly English, the public part also in Persian. */
export const acmeKnowledge: DemoKnowledge = {
  categories: [
    { key: 'orders', names: { en: 'Orders and shipping', fa: 'سفارش و ارسال' } },
    { key: 'returns', names: { en: 'Returns and exchanges', fa: 'مرجوعی و تعویض' } },
    { key: 'products', names: { en: 'Sizing and products', fa: 'سایز و محصولات' } },
    { key: 'warranty', names: { en: 'Warranty, repairs and safety', fa: 'گارانتی، تعمیر و ایمنی' } },
    { key: 'billing', names: { en: 'Payments and discounts', fa: 'پرداخت و تخفیف' } },
    { key: 'scripts', names: { en: 'Call scripts', fa: 'متن تماس' } },
  ],
  items: [
    {
      key: 'acme.order-status',
      category: 'orders',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Where is my order? Tracking says label created',
        keywords: 'order status tracking not shipped yet when will it ship label created track package',
        body: 'Hi {{customer.first_name}},\n\nOrders leave our warehouse within 1 business day. The carrier scan often lags a day behind, so the tracking page can show "label created" even though the parcel is on its way. Delivery takes 2–3 business days after shipping; the tracking number is in your shipping confirmation e-mail.\n\n{{agent.first_name}}, {{client.name}}',
      },
      fa: {
        title: 'سفارش من کجاست؟',
        keywords: 'پیگیری سفارش کد رهگیری ارسال نشده',
        body: 'سفارش‌ها ظرف یک روز کاری از انبار ارسال می‌شوند و تحویل ۲ تا ۳ روز کاری طول می‌کشد. کد رهگیری در ایمیل تأیید ارسال آمده است.',
      },
    },
    {
      key: 'acme.signature',
      category: 'orders',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Does the driver need a signature on delivery?',
        keywords: 'signature required sign for parcel not home leave at door neighbour mailbox',
        body: 'No signature is needed for standard orders. The driver leaves the parcel at your door or with a neighbour if it does not fit in the mailbox. Orders over $500 need a signature.',
      },
    },
    {
      key: 'acme.shipping-delay',
      category: 'orders',
      kind: 'answer',
      visibility: 'internal',
      en: {
        title: 'Package stuck in transit: trace and replacement',
        keywords: 'package stuck in transit same facility delayed not moving late gift birthday lost parcel',
        body: "I'm sorry about the delay, {{customer.first_name}}. I've opened a trace with the carrier. If the parcel hasn't moved by tomorrow noon, we ship a replacement by overnight delivery at no cost.",
      },
    },
    {
      key: 'acme.expedite',
      category: 'orders',
      kind: 'answer',
      visibility: 'internal',
      en: {
        title: 'Upgrade to express or overnight shipping before a trip',
        keywords: 'expedite express overnight shipping faster need it before friday trip leaving processing rush',
        body: "I've upgraded your order to overnight shipping at no extra cost and asked the warehouse to pick it first thing today. You'll get the new tracking number by e-mail.",
      },
    },
    {
      key: 'acme.cancel-order',
      category: 'orders',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Cancel an order before it ships',
        keywords: 'cancel order ordered twice by accident duplicate order mistake stop order',
        body: 'Orders can be cancelled until they are picked in the warehouse, usually within 2 hours of ordering. Once cancelled, the card authorisation is released within a few days.',
      },
      fa: {
        title: 'لغو سفارش پیش از ارسال',
        keywords: 'لغو سفارش اشتباهی دو بار سفارش',
        body: 'سفارش تا پیش از بسته‌بندی در انبار، معمولاً تا ۲ ساعت پس از ثبت، لغو می‌شود و مبلغ مسدودشده ظرف چند روز آزاد می‌شود.',
      },
    },
    {
      key: 'acme.return-policy',
      category: 'returns',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'How do I return an item? (60-day returns)',
        keywords: 'return policy send back refund doesnt fit does not fit unworn tags return label ups drop off',
        body: 'Unworn items with the tags on can be returned within 60 days. We e-mail you a prepaid return label; drop the parcel at any UPS location. The refund goes back to your card within 5 business days after the parcel reaches us.',
      },
      fa: {
        title: 'چطور کالا را مرجوع کنم؟',
        keywords: 'مرجوعی بازگرداندن کالا بازگشت پول اندازه نبود',
        body: 'کالای استفاده‌نشده با برچسب تا ۶۰ روز قابل مرجوع است. برچسب ارسال رایگان برایتان ایمیل می‌شود و مبلغ ظرف ۵ روز کاری پس از رسیدن بسته برمی‌گردد.',
      },
    },
    {
      key: 'acme.exchange',
      category: 'returns',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Exchange for a different size or colour',
        keywords: 'exchange swap different size colour color another color forest green instead of refund next size up',
        body: "Happy to help. We reserve the size or colour you want, e-mail you a prepaid label, and ship the exchange as soon as the carrier scans your parcel, so you don't wait for the return to arrive.",
      },
    },
    {
      key: 'acme.boot-sizing',
      category: 'products',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Do the Ridgeline boots run small? Boot sizing',
        keywords: 'ridgeline mid gtx boots size run small half size up wool socks wide feet toe box fit',
        body: 'The Ridgeline runs true to size in length but is a little narrow in the toe box. With thick hiking socks most customers go half a size up; with wide feet the Ridgeline Wide (same Gore-Tex membrane and Vibram sole) fits better.',
      },
    },
    {
      key: 'acme.jacket-sizing',
      category: 'products',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Summit Shell jacket: which size? Layering over a fleece',
        keywords:
          'summit shell jacket medium large size chart fit over fleece layering broad chest sleeves height weight',
        body: 'The Summit Shell is cut trim. For layering over a fleece, choose one size up from your base-layer size; the large has 35" sleeves that cover your wrists with your arms raised.',
      },
    },
    {
      key: 'acme.carry-on',
      category: 'products',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Is the Trailblazer 45 carry-on size?',
        keywords: 'trailblazer 45 backpack carry on overhead bin airline flight dimensions plane cabin bag',
        body: 'Packed normally the Trailblazer 45 measures 22 × 14 × 9 inches, which meets most US airlines’ carry-on limits. The hip belt tucks away so it slides into the bin easily.',
      },
    },
    {
      key: 'acme.restock',
      category: 'products',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'When will a sold-out item be back in stock?',
        keywords: 'sold out out of stock restock back in stock available again olive colour waitlist',
        body: 'Most sold-out items are restocked within 3–4 weeks. We can add you to the restock list and you get an e-mail the moment the item can be ordered again.',
      },
    },
    {
      key: 'acme.warranty',
      category: 'warranty',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Warranty claim: two-year warranty on defects',
        keywords: 'warranty claim defect sole separating delamination falling apart seam broke covered guarantee',
        body: 'Our two-year warranty covers defects in materials and workmanship, such as a sole separating from the upper. Reply with two photos of the defect and the size label, and we repair or replace the item free of charge.',
      },
      fa: {
        title: 'گارانتی دو ساله',
        keywords: 'گارانتی خرابی ایراد کالا',
        body: 'گارانتی دو ساله‌ی ما ایرادهای ساخت را پوشش می‌دهد. دو عکس از ایراد و برچسب سایز بفرستید تا کالا را رایگان تعمیر یا تعویض کنیم.',
      },
    },
    {
      key: 'acme.tent-repair',
      category: 'warranty',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Tent repairs and replacement pole sections',
        keywords: 'tent pole snapped broken pole repair sleeve torn basecamp 4 replacement part fix tent',
        body: 'A replacement pole section is $14 plus shipping, and our repair partner patches sleeves and fabric for $25. For a full repair we send a prepaid label; send the tent body and the broken pole only. Turnaround is about two weeks.',
      },
    },
    {
      key: 'acme.damaged',
      category: 'warranty',
      kind: 'answer',
      visibility: 'internal',
      en: {
        title: 'Item arrived damaged',
        keywords: 'arrived damaged broken on arrival puncture crushed box defective leak air',
        body: "I'm really sorry, {{customer.first_name}}. A new one is on its way today at no charge and you don't need to return the damaged item. We also file a damage claim with the carrier.",
      },
    },
    {
      key: 'acme.stove-safety',
      category: 'warranty',
      kind: 'answer',
      visibility: 'internal',
      en: {
        title: 'URGENT: stove leaking gas at the valve',
        keywords: 'stove leak gas smell hiss valve canister fuel leaking dangerous alpine 2 safety',
        body: 'Please stop using the stove right away and disconnect the canister outdoors, away from any flame. A leaking valve is a safety issue: we send a new stove today by express and a prepaid label to return the faulty one.',
      },
    },
    {
      key: 'acme.discount-code',
      category: 'billing',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'Discount code not working at checkout',
        keywords: 'discount code promo coupon not valid newsletter code invalid checkout sale items',
        body: 'Newsletter codes apply to full-price items only; items already on sale are excluded. If the code still fails on full-price items, tell us the code and we apply the discount to your order by hand.',
      },
      fa: {
        title: 'کد تخفیف کار نمی‌کند',
        keywords: 'کد تخفیف نامعتبر',
        body: 'کدهای خبرنامه فقط روی کالاهای با قیمت کامل اعمال می‌شوند، نه کالاهای حراج.',
      },
    },
    {
      key: 'acme.double-charge',
      category: 'billing',
      kind: 'answer',
      visibility: 'internal',
      en: {
        title: 'Charged twice for one order: duplicate charge refund',
        keywords: 'charged twice double charge two charges duplicate payment credit card statement refund',
        body: 'Sometimes the payment provider captures an authorisation twice. We refund the duplicate right away; depending on your bank it appears within 3 to 5 business days.',
      },
    },
    {
      key: 'acme.refund-timing',
      category: 'billing',
      kind: 'answer',
      visibility: 'public',
      en: {
        title: 'When will I get my refund?',
        keywords: 'refund when money back how long refund pending not received',
        body: 'Refunds are issued the day your return is checked in and reach your card within 5 business days, depending on your bank.',
      },
    },
    {
      key: 'acme.canned-thanks',
      category: 'orders',
      kind: 'canned',
      visibility: 'internal',
      en: {
        title: 'Closing: glad we could help',
        keywords: 'thanks thank you that was quick you saved my trip',
        body: 'Glad I could help, {{customer.first_name}}! Enjoy your time outdoors, and write to us any time.\n\n{{agent.first_name}}, {{client.name}}',
      },
    },
    {
      key: 'acme.script-greeting',
      category: 'scripts',
      kind: 'script',
      visibility: 'internal',
      en: {
        title: 'Inbound call: greeting and verification',
        keywords: 'call script greeting phone verify order number',
        body: 'Thank you for calling {{client.name}}, this is {{agent.first_name}}. May I have your order number or the e-mail address on the order? [Verify name and postcode before discussing the order.]',
      },
    },
  ],
};
