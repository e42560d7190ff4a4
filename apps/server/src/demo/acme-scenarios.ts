import type { Scenario } from './scenario.js';

/** Acme Outdoor, an outdoor gear shop: what its customers write and call about, in English. */
export const acmeScenarios: readonly Scenario[] = [
  {
    key: 'order-status',
    weight: 3,
    subject: (c) => `Where is my order ${c.order}?`,
    topic: (c) => `the status of order ${c.order}`,
    question: (c) =>
      `Hi, I ordered the ${c.product} ${c.days} days ago (order ${c.order}) and the tracking page still says "label created". Can you tell me when it will actually ship?`,
    answer: (c) =>
      `Thanks for your patience. Order ${c.order} left our warehouse yesterday afternoon; the carrier scan sometimes lags a day behind. Your tracking number is ${c.tracking} and the current estimate is delivery within 2–3 business days.`,
    followUp: () => 'The tracking number works now, thank you. Will the driver need a signature?',
    followUpAnswer: () =>
      'No signature is needed for this order; the driver will leave it at your door or with a neighbour if it does not fit in the mailbox.',
    note: (c) => `Checked the warehouse system: ${c.order} was picked and packed, carrier pickup confirmed.`,
    products: ['Ridgeline Mid GTX hiking boots', 'Summit Shell jacket', 'Trailblazer 45 backpack', 'Basecamp 4 tent'],
    tags: ['orders', 'shipping'],
  },
  {
    key: 'return-request',
    weight: 2,
    subject: (c) => `Return for ${c.product}`,
    topic: (c) => `returning a ${c.product} from order ${c.order}`,
    question: (c) =>
      `Hello, the ${c.product} I received in size ${c.size} doesn't fit the way I hoped. It's unworn with the tags still on. How do I send it back? Order ${c.order}.`,
    answer: (c) =>
      `Sorry it didn't work out! Unworn items can be returned within 60 days. I've e-mailed you a prepaid return label for order ${c.order}; drop the parcel at any UPS location. The refund of ${c.amount} goes back to your card within 5 business days after it reaches us.`,
    followUp: () => 'Got the label. Can I exchange it for a different size instead of a refund?',
    followUpAnswer: (c) =>
      `Of course. I've reserved the next size up for you, so just send back the ${c.product} with the label and we'll ship the exchange as soon as the carrier scans your parcel.`,
    products: [
      'Summit Shell jacket',
      'Ridgeline Mid GTX hiking boots',
      'Cascade fleece hoodie',
      'Granite softshell pants',
    ],
    tags: ['returns'],
  },
  {
    key: 'boot-sizing',
    weight: 2,
    subject: () => 'Do the Ridgeline boots run small?',
    topic: () => 'sizing of the Ridgeline hiking boots',
    question: (c) =>
      `I normally wear a US ${c.size} in running shoes. Should I get the same size in the Ridgeline Mid GTX, or go half a size up for thick wool socks?`,
    answer: () =>
      'Great question. The Ridgeline runs true to size in length but is a little narrow in the toe box. With thick hiking socks most customers go half a size up; if you have wide feet, the Ridgeline Wide is the better fit.',
    followUp: () => 'Thanks! Is the Wide version waterproof as well?',
    followUpAnswer: () =>
      'Yes, the Wide has the same Gore-Tex membrane and Vibram sole. Pair them with our merino trail socks (3-pack) and you are set for the season.',
    products: ['Ridgeline Mid GTX hiking boots'],
    tags: ['sizing', 'pre-sale'],
  },
  {
    key: 'jacket-sizing',
    subject: () => 'Summit Shell jacket: M or L?',
    topic: () => 'which size of the Summit Shell jacket to order',
    question: () =>
      "I'm 5'11\" and about 180 lb with a broad chest. Would a medium Summit Shell fit over a fleece, or should I order a large?",
    answer: () =>
      'For layering over a fleece at your height and build, the large is the safer choice: the medium is cut trim for a base layer only. The sleeves on the large are 35", so they will still cover your wrists with your arms raised.',
    products: ['Summit Shell jacket'],
    tags: ['sizing', 'pre-sale'],
  },
  {
    key: 'warranty-claim',
    weight: 2,
    subject: (c) => `Warranty claim – ${c.product} falling apart`,
    topic: (c) => `a warranty claim for ${c.product}`,
    question: (c) =>
      `The sole on my ${c.product} started to separate from the upper after only five months of normal hiking. I bought them with order ${c.order}. Is this covered by your warranty?`,
    answer: (c) =>
      `I'm sorry to hear that; delamination after five months is not normal wear. Our two-year warranty covers it. Please reply with two photos of the sole and the size label inside the tongue, and we will either repair or replace your ${c.product} free of charge.`,
    followUp: () => 'Photos attached. I would prefer a replacement if possible, I have a trip next month.',
    followUpAnswer: () =>
      'Thanks for the photos. The claim is approved: a new pair ships today by express, and there is no need to send the old pair back.',
    note: () => 'Second delamination claim on this batch this month; flagged to the product team.',
    products: ['Ridgeline Mid GTX hiking boots', 'Talus approach shoes'],
    tags: ['warranty'],
    tier: 2,
  },
  {
    key: 'tent-repair',
    subject: () => 'Broken tent pole – repair?',
    topic: () => 'repairing a broken pole on a Basecamp 4 tent',
    question: () =>
      'One of the aluminium poles of my Basecamp 4 tent snapped in strong wind last weekend and tore the sleeve a bit. Do you do repairs, or can I buy a replacement pole section?',
    answer: () =>
      "We do both. A replacement pole section is $14 plus shipping, and our repair partner can patch the sleeve for $25. If you'd like the full repair, I'll send you a prepaid label; turnaround is about two weeks.",
    followUp: () => 'Let’s do the full repair please. Do I need to send the whole tent?',
    followUpAnswer: () =>
      'Just the tent body and the broken pole, without the stakes and footprint. The label is in your inbox; we will e-mail you once the repair partner receives it.',
    products: ['Basecamp 4 tent'],
    tags: ['repairs', 'technical'],
    tier: 2,
  },
  {
    key: 'shipping-delay',
    weight: 2,
    subject: (c) => `Package stuck in transit – ${c.order}`,
    topic: (c) => `a delayed shipment for order ${c.order}`,
    question: (c) =>
      `My package (${c.tracking}) has shown "in transit" in the same facility for ${c.days} days. This was a birthday present and the birthday is this weekend. What can you do?`,
    answer: (c) =>
      `I'm sorry about the delay. I've opened a trace with the carrier for ${c.tracking}. If it hasn't moved by tomorrow noon, we will ship a replacement by overnight delivery at no cost so it arrives before the weekend.`,
    followUp: () => 'Still no movement this morning...',
    followUpAnswer: (c) =>
      `Thanks for letting me know. The replacement for order ${c.order} shipped overnight a few minutes ago; you'll get the new tracking number by e-mail shortly.`,
    products: ['Trailblazer 45 backpack', 'Cascade fleece hoodie'],
    tags: ['shipping', 'delay'],
  },
  {
    key: 'discount-code',
    weight: 2,
    subject: (c) => `Discount code ${c.code} not working`,
    topic: (c) => `the discount code ${c.code}`,
    question: (c) =>
      `I got ${c.code} in your newsletter but checkout says "this code is not valid for items in your cart". I'm trying to buy the ${c.product}.`,
    answer: (c) =>
      `${c.code} applies to full-price items only, and the ${c.product} is already on sale. I've applied an extra 10% to your cart as a courtesy; it will show when you refresh the checkout page.`,
    products: ['Summit Shell jacket', 'Trailblazer 45 backpack', 'Alpine 2 stove'],
    tags: ['discounts', 'billing'],
  },
  {
    key: 'exchange-colour',
    subject: () => 'Exchange backpack for another colour',
    topic: () => 'exchanging a backpack for a different colour',
    question: (c) =>
      `Could I swap the Trailblazer 45 from order ${c.order} for the forest green one? Mine is unused, I just don't love the orange in person.`,
    answer: () =>
      "Happy to help. Forest green is in stock, and I've set up an exchange: use the label in the e-mail I just sent, and we will ship the green pack as soon as yours is scanned by the carrier.",
    products: ['Trailblazer 45 backpack'],
    tags: ['returns', 'exchange'],
  },
  {
    key: 'damaged-item',
    subject: (c) => `${c.product} arrived damaged`,
    topic: (c) => `a damaged ${c.product} in order ${c.order}`,
    question: (c) =>
      `The ${c.product} from order ${c.order} arrived with a puncture; it won't hold air for more than ten minutes. The box was crushed on one corner.`,
    answer: (c) =>
      `I'm really sorry, that should never happen. A new ${c.product} is on its way today at no charge and you don't need to return the damaged one. I've also filed a damage claim with the carrier.`,
    followUp: () => 'Thank you, that was quick!',
    products: ['Thermarest sleeping pad', 'inflatable camp pillow', 'Alpine 2 stove'],
    tags: ['damaged', 'orders'],
    priority: 'high',
  },
  {
    key: 'trip-deadline',
    subject: () => 'Need my stove before Friday – can you expedite?',
    topic: () => 'expediting an order before a trip',
    question: (c) =>
      `I leave for Yosemite on Friday morning and my order ${c.order} with the ${c.product} is still marked "processing". Is there any way to upgrade to express shipping?`,
    answer: (c) =>
      `I've upgraded order ${c.order} to overnight shipping at no extra cost and asked the warehouse to pick it first thing today. It should be with you by Thursday evening; tracking number ${c.tracking}.`,
    followUp: () => 'You saved my trip, thank you so much!',
    products: ['Alpine 2 stove', 'Basecamp 4 tent', 'water filter kit'],
    tags: ['shipping', 'expedite'],
    priority: 'high',
    flags: ['time_sensitive'],
  },
  {
    key: 'stove-safety',
    subject: () => 'URGENT: stove leaking fuel at the valve',
    topic: () => 'a fuel leak on an Alpine 2 stove',
    question: () =>
      'When I connect the canister to my Alpine 2 stove I can smell gas and hear a hiss at the valve even when it is closed. Is this dangerous? We are camping with kids right now.',
    answer: () =>
      'Please stop using the stove right away and disconnect the canister outdoors, away from any flame. A leaking valve is a safety issue: we will send you a new stove today by express, and a prepaid label to return the faulty one so our engineers can inspect it.',
    followUp: () => 'Disconnected it. Thanks for the fast answer.',
    followUpAnswer: () =>
      'Glad everyone is safe. The replacement ships this afternoon; I have also added a free canister adapter so you can check the seal before your next trip.',
    note: () => 'Possible defect in the valve O-ring; reported to the supplier and logged for the safety review.',
    products: ['Alpine 2 stove'],
    tags: ['safety', 'technical'],
    priority: 'urgent',
    tier: 2,
    flags: ['emergency'],
    weight: 0.5,
  },
  {
    key: 'double-charge',
    subject: (c) => `Charged twice for order ${c.order}`,
    topic: (c) => `a double charge on order ${c.order}`,
    question: (c) =>
      `My credit card statement shows two charges of ${c.amount} for order ${c.order}. I only placed one order. Please refund the duplicate.`,
    answer: (c) =>
      `You're right, the payment provider captured the authorisation twice. I've refunded the duplicate ${c.amount}; depending on your bank it will appear within 3 to 5 business days.`,
    followUp: () => 'I see the refund as pending now. Thanks.',
    note: () => 'Duplicate capture confirmed in the payment dashboard; refund issued by billing.',
    products: ['Basecamp 4 tent', 'Summit Shell jacket'],
    tags: ['billing', 'refund'],
    tier: 3,
  },
  {
    key: 'carry-on-question',
    subject: () => 'Is the Trailblazer 45 carry-on size?',
    topic: () => 'whether the Trailblazer 45 fits as carry-on',
    question: () =>
      "I'm flying to Denver and want to take the Trailblazer 45 as my only bag. Will it fit in the overhead bin?",
    answer: () =>
      'Packed normally it measures 22 × 14 × 9 inches, which meets most US airlines’ carry-on limits. Tip: the hip belt tucks away so it slides into the bin easily. Our packing cubes (set of 3) make it much easier to live out of for a week.',
    products: ['Trailblazer 45 backpack'],
    tags: ['pre-sale'],
    priority: 'low',
  },
  {
    key: 'restock',
    subject: () => 'When is the olive Summit Shell back in stock?',
    topic: () => 'the restock date of the Summit Shell jacket',
    question: (c) => `The Summit Shell in olive, size ${c.size}, has been sold out for weeks. Will it come back?`,
    answer: () =>
      'The next shipment of olive Summit Shells arrives in about three weeks. I have added you to the restock list, so you will get an e-mail the moment it is available to order.',
    products: ['Summit Shell jacket'],
    tags: ['stock', 'pre-sale'],
    priority: 'low',
  },
  {
    key: 'cancel-order',
    subject: (c) => `Please cancel order ${c.order}`,
    topic: (c) => `cancelling order ${c.order}`,
    question: (c) => `I accidentally ordered the ${c.product} twice. Can you cancel order ${c.order} before it ships?`,
    answer: (c) =>
      `Done: order ${c.order} is cancelled and it had not been picked yet. The authorisation of ${c.amount} on your card will be released within a few days.`,
    products: ['Cascade fleece hoodie', 'Granite softshell pants', 'water filter kit'],
    tags: ['orders', 'cancellation'],
  },
];
