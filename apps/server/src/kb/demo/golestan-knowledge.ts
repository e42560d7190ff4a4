import type { DemoKnowledge } from './demo-knowledge.js';

/** Golestan's knowledge base (گلستان): Persian first, the public part also in English. */
export const golestanKnowledge: DemoKnowledge = {
  categories: [
    { key: 'orders', names: { en: 'Orders and delivery', fa: 'سفارش و ارسال' } },
    { key: 'occasions', names: { en: 'Occasions', fa: 'مناسبت‌ها' } },
    { key: 'plants', names: { en: 'Plant care', fa: 'نگهداری گیاه' } },
    { key: 'payments', names: { en: 'Payments and discounts', fa: 'پرداخت و تخفیف' } },
    { key: 'business', names: { en: 'Business customers', fa: 'مشتریان سازمانی' } },
  ],
  items: [
    {
      key: 'golestan.same-day-delivery',
      category: 'orders',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'ارسال دسته گل در ساعت مشخص و کارت تبریک رایگان',
        keywords: 'تولد دسته گل سفارش فردا ساعت تحویل کارت تبریک هدیه همسر ارسال در روز مشخص',
        body: 'سلام {{customer.first_name}} عزیز، ارسال در تهران و کرج در بازه‌های دو ساعته از ۹ صبح تا ۱۰ شب انجام می‌شود و کارت تبریک رایگان است. لطفاً متن کارت، نشانی و ساعت تحویل را بفرستید تا سفارش ثبت شود.\n\n{{agent.first_name}}، {{client.name}}',
      },
      en: {
        title: 'Delivery at a chosen time, with a free greeting card',
        keywords: 'birthday bouquet deliver tomorrow time card gift',
        body: 'We deliver in Tehran and Karaj in two-hour slots from 9 am to 10 pm; the greeting card is free. Send us the card text, address and time.',
      },
    },
    {
      key: 'golestan.order-status',
      category: 'orders',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'پیگیری سفارش: سفارش من کی می‌رسد؟',
        keywords: 'پیگیری سفارش ثبت کردم پیامک ارسال دریافت نکرده ام کی به دستم می رسد وضعیت سفارش پیک',
        body: 'سفارش‌ها همان روز آماده و با پیک خودمان ارسال می‌شوند. پیامک ارسال هنگام حرکت پیک فرستاده می‌شود و پیک پیش از رسیدن با شما تماس می‌گیرد.',
      },
      en: {
        title: 'Where is my order?',
        keywords: 'order status track delivery when',
        body: 'Orders are prepared the same day and delivered by our own couriers, who call you before they arrive.',
      },
    },
    {
      key: 'golestan.leave-with-guard',
      category: 'orders',
      kind: 'answer',
      visibility: 'internal',
      fa: {
        title: 'تحویل به نگهبان یا همسایه وقتی مشتری منزل نیست',
        keywords: 'خانه نبودم منزل نیستم نگهبان ساختمان لابی همسایه تحویل بدهند',
        body: 'بله، در توضیحات سفارش ثبت می‌کنیم که اگر منزل نبودید، سفارش به نگهبان ساختمان تحویل داده شود.',
      },
    },
    {
      key: 'golestan.cancel-refund',
      category: 'orders',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'لغو سفارش و بازگشت وجه',
        keywords: 'لغو سفارش کنسل برگرداندن مبلغ بازگشت پول نیازی نداریم برنامه عوض شد',
        body: 'سفارشی که هنوز ارسال نشده لغو می‌شود و مبلغ ظرف ۲۴ تا ۷۲ ساعت کاری به همان کارتی که با آن پرداخت کرده‌اید برمی‌گردد. شماره‌ی پیگیری بازگشت وجه را پیامک می‌کنیم.',
      },
      en: {
        title: 'Cancelling an order and refunds',
        keywords: 'cancel order refund money back',
        body: 'An order that has not left the shop can be cancelled; the amount returns to your card within 24 to 72 working hours.',
      },
    },
    {
      key: 'golestan.change-address',
      category: 'orders',
      kind: 'answer',
      visibility: 'internal',
      fa: {
        title: 'تغییر نشانی تحویل سفارش',
        keywords: 'نشانی اشتباه ادرس اشتباه تغییر ادرس محل کار به این نشانی بفرستید اصلاح نشانی',
        body: 'نشانی سفارش تا پیش از حرکت پیک اصلاح می‌شود و زمان تحویل تغییری نمی‌کند. لطفاً نشانی کامل با پلاک و واحد را بفرستید.',
      },
    },
    {
      key: 'golestan.card-message',
      category: 'orders',
      kind: 'answer',
      visibility: 'internal',
      fa: {
        title: 'تغییر متن کارت روی دسته گل',
        keywords: 'متن کارت عوض کنم تغییر متن کارت به جای تبریک بنویسید کارت هدیه',
        body: 'متن کارت تا پیش از ارسال سفارش قابل تغییر است؛ متن جدید را بفرستید تا کارت تازه همراه سفارش برود.',
      },
    },
    {
      key: 'golestan.other-city',
      category: 'orders',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'ارسال گل به شهرهای دیگر (شهرستان)',
        keywords: 'شهرستان شیراز اصفهان مشهد تبریز شهر دیگر ارسال بین شهری دوستم زندگی می کند',
        body: 'گل تازه را خودمان در تهران و کرج ارسال می‌کنیم. در شهرهای دیگر با گل‌فروشی‌های همکار کار می‌کنیم که همان طرح را با همان کیفیت، یک روز کاری بعد تحویل می‌دهند.',
      },
      en: {
        title: 'Delivery to other cities',
        keywords: 'other city shiraz isfahan outside tehran',
        body: 'We deliver fresh flowers ourselves in Tehran and Karaj; in other cities a partner florist delivers the same design one working day later.',
      },
    },
    {
      key: 'golestan.wilted',
      category: 'orders',
      kind: 'answer',
      visibility: 'internal',
      fa: {
        title: 'گل‌ها پژمرده یا خراب رسید: ارسال دوباره رایگان',
        keywords: 'پژمرده خراب رسید سر رزها خم شده کیفیت بد ناراحت شدم گل ها افتاده',
        body: '{{customer.first_name}} عزیز، واقعاً عذر می‌خواهیم؛ این کیفیتی نیست که ما قولش را داده‌ایم. همین امروز یک دسته گل تازه بدون هزینه می‌فرستیم و پیک دسته گل قبلی را برمی‌گرداند.',
      },
    },
    {
      key: 'golestan.wedding-car',
      category: 'occasions',
      kind: 'answer',
      visibility: 'internal',
      fa: {
        title: 'گل‌آرایی ماشین عروس: تأخیر و پیگیری فوری',
        keywords: 'ماشین عروس گل ارایی تزیین ماشین عروسی مراسم دیر کسی نیامده فوری گل ارا',
        body: 'پوزش می‌خواهیم. همین حالا با گل‌آرا تماس می‌گیریم و زمان رسیدنش را اطلاع می‌دهیم؛ تزیین ماشین حدود یک ساعت طول می‌کشد. شماره‌ی همراه گل‌آرا را هم برایتان پیامک می‌کنیم.',
      },
    },
    {
      key: 'golestan.funeral-wreath',
      category: 'occasions',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'تاج گل ترحیم برای همان روز',
        keywords: 'تاج گل ترحیم ختم مراسم مسجد تسلیت همان روز نوار نوشته',
        body: 'خدا رحمتشان کند. تاج گل ترحیم را برای همان روز به محل مراسم می‌رسانیم، به شرط ثبت سفارش تا سه ساعت پیش از مراسم. متن نوار را بفرستید.',
      },
      en: {
        title: 'Funeral wreaths on the same day',
        keywords: 'funeral wreath condolence same day ceremony',
        body: 'We deliver funeral wreaths to the ceremony on the same day when ordered three hours ahead. Send us the ribbon text.',
      },
    },
    {
      key: 'golestan.yellow-leaves',
      category: 'plants',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'زرد شدن و ریختن برگ‌ها: آبیاری زیاد',
        keywords: 'برگ زرد می شود می ریزد زرد شدن برگ ها ابیاری زیاد ریشه بو می دهد پوسیدگی ریشه گیاه خریدم',
        body: 'زرد شدن و ریختن برگ‌ها بیشتر وقت‌ها از آبیاری زیاد است. صبر کنید دو سه سانتی‌متر بالای خاک کاملاً خشک شود و بعد آب بدهید (معمولاً هر ۱۰ تا ۱۴ روز). برگ‌های زرد را جدا کنید و مطمئن شوید زیر گلدان آب جمع نمی‌شود. اگر ریشه بو می‌دهد، ریشه‌های نرم را جدا کنید و در خاک تازه بکارید.',
      },
      en: {
        title: 'Yellow leaves falling off: overwatering',
        keywords: 'yellow leaves dropping overwatering root rot',
        body: 'Yellow, falling leaves usually mean too much water. Let the top 2–3 cm of soil dry completely before watering, usually every 10 to 14 days.',
      },
    },
    {
      key: 'golestan.low-light',
      category: 'plants',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'گیاه آپارتمانی برای نور کم',
        keywords:
          'نور کم نور مستقیم ندارد پنجره رو به شمال گیاه اپارتمانی کم توقع پیشنهاد گیاه زاموفیلیا سانسوریا پوتوس',
        body: 'برای نور کم زاموفیلیا، سانسوریا و پوتوس بهترین انتخاب‌اند: کم‌توقع‌اند و با آبیاری هر دو هفته یک بار سرحال می‌مانند. کارت راهنمای نگهداری همراه هر گیاه می‌فرستیم.',
      },
      en: {
        title: 'Houseplants for low light',
        keywords: 'low light plant north window shade',
        body: 'For low light, ZZ plant, snake plant and pothos are the best choices; water them every two weeks.',
      },
    },
    {
      key: 'golestan.repotting',
      category: 'plants',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'تعویض گلدان: اندازه‌ی گلدان و خاک مناسب',
        keywords: 'تعویض گلدان ریشه از زیر گلدان بیرون زده گیاه بزرگ شده چه اندازه گلدانی خاک مناسب پرلیت',
        body: 'گلدان جدید فقط ۳ تا ۵ سانتی‌متر از گلدان فعلی بزرگ‌تر باشد تا خاک اضافه خیس نماند. خاک گلدان آماده با کمی پرلیت مناسب است. اگر گیاه را به فروشگاه بیاورید، تعویض گلدان رایگان است.',
      },
    },
    {
      key: 'golestan.orchid',
      category: 'plants',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'ارکیده دوباره گل نمی‌دهد',
        keywords: 'ارکیده گل نمی دهد گل هایش ریخت گل دهی دوباره ساقه گل فالانوپسیس',
        body: 'ارکیده بعد از گل‌دهی استراحت می‌کند. ساقه‌ی گل را از بالای دومین گره ببرید، هفته‌ای یک بار با آب هم‌دمای اتاق آبیاری کنید و گلدان را در نور غیرمستقیم بگذارید. معمولاً بعد از دو تا سه ماه ساقه‌ی گل تازه درمی‌آید.',
      },
    },
    {
      key: 'golestan.opening-hours',
      category: 'orders',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'ساعت کاری فروشگاه',
        keywords: 'ساعت کاری باز هستید شنبه جمعه تعطیل چه ساعتی باز است',
        body: 'فروشگاه شنبه تا پنجشنبه از ساعت ۹ صبح تا ۹ شب و جمعه‌ها از ۱۰ صبح تا ۲ بعدازظهر باز است.',
      },
      en: {
        title: 'Opening hours',
        keywords: 'opening hours open saturday friday closed',
        body: 'The shop is open Saturday to Thursday 9 am – 9 pm and Fridays 10 am – 2 pm.',
      },
    },
    {
      key: 'golestan.discount-code',
      category: 'payments',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'کد تخفیف کار نمی‌کند',
        keywords: 'کد تخفیف نامعتبر است کار نمی کند کد عید وارد می کنم خطا می دهد',
        body: 'کدهای تخفیف مناسبتی فقط برای خریدهای بالای ۵۰۰ هزار تومان فعال می‌شوند. اگر سبد شما بالای این مبلغ است و کد باز هم کار نمی‌کند، کد را بفرستید تا روی سفارشتان اعمال کنیم.',
      },
    },
    {
      key: 'golestan.payment-deducted',
      category: 'payments',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'پول کسر شد ولی سفارش ثبت نشد',
        keywords: 'پول کسر شد از حسابم کم شد پرداخت ناموفق صفحه خطا داد تراکنش سفارش ثبت نشد درگاه بانک',
        body: 'اگر مبلغ کسر شده ولی سفارشی ثبت نشده، تراکنش ناتمام مانده است و طبق قوانین بانکی حداکثر تا ۷۲ ساعت به حسابتان برمی‌گردد. اگر هنوز همان سفارش را می‌خواهید، لینک پرداخت تازه برایتان می‌فرستیم.',
      },
      en: {
        title: 'Money taken but no order',
        keywords: 'payment deducted failed transaction no order',
        body: 'An unfinished payment is returned to your account by the bank within 72 hours.',
      },
    },
    {
      key: 'golestan.office-subscription',
      category: 'business',
      kind: 'answer',
      visibility: 'public',
      fa: {
        title: 'اشتراک هفتگی گل برای دفتر و شرکت',
        keywords: 'اشتراک ماهانه هفتگی گل تازه دفتر شرکت لابی اتاق جلسات سازمانی فاکتور رسمی شرایط و قیمت',
        body: 'اشتراک سازمانی شامل دو گل‌آرایی تازه در هفته، تعویض رایگان گل‌های پژمرده و فاکتور رسمی است. همکارمان برای بازدید و پیشنهاد طرح با شما هماهنگ می‌کند.',
      },
    },
    {
      key: 'golestan.canned-thanks',
      category: 'orders',
      kind: 'canned',
      visibility: 'internal',
      fa: {
        title: 'پایان گفتگو: خوشحالیم که کمک کردیم',
        keywords: 'ممنون از پیگیری تشکر',
        body: '{{customer.first_name}} عزیز، خوشحالیم که توانستیم کمک کنیم. هر وقت سؤالی داشتید در خدمتیم.\n\n{{agent.first_name}}، {{client.name}}',
      },
    },
  ],
};
