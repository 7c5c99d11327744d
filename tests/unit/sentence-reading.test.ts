import { describe, expect, it } from 'vitest';
import { bundledLexicon } from '../../src/rules/word-lists';
import { readings } from '../../src/rules/checks/sentence';

const lex = bundledLexicon();

describe('combinations of concepts meet in one clause', () => {
  it('reads a window, a delay or a contact demand that is about leaving', () => {
    expect(lex.has('restrictedWindow', '当前周期内不支持降级操作，请于到期前3日内再试。')).toBe(true);
    expect(lex.has('delayedEffect', '如您申请降级，新套餐将于下一个计费周期生效。')).toBe(true);
    expect(lex.has('delayedEffect', 'If you downgrade, the new plan takes effect at the start of your next billing cycle.')).toBe(true);
    expect(lex.has('contactRequirement', '如需降级或退订，请致电客服热线 400-820-6677 办理。')).toBe(true);
  });
  it('does not join concepts that belong to different clauses about different things', () => {
    // Returning a modem within 14 days is not a window for leaving.
    expect(lex.has('restrictedWindow', '退租可自選終止日期，無違約金，設備請於 14 日內寄回或預約到府取回。')).toBe(false);
    // The fee of this cycle, not the downgrade, is what will not change.
    expect(lex.has('restrictedWindow', '降级为月度VIP 或 取消自动续费：将于下一个计费周期（次季度首日）起生效，本周期内费用不予调整。')).toBe(false);
    // "Can cancel any time" and "activate now" are separate offers, not a delayed cancellation.
    expect(lex.has('delayedEffect', '同意《自动续费服务规则》，首月9.9元，到期后按19元/月自动续费，可随时取消，9.9元立即开通')).toBe(false);
    // How long files stay downloadable after leaving ("for 90 days after") is no delay of the leaving.
    expect(lex.has('delayedEffect', 'If you cancel, your plan stays active until December 21 and your files remain downloadable for 90 days after that.')).toBe(false);
    expect(lex.has('delayedEffect', 'Cancellation takes effect 30 days after your request is received.')).toBe(true);
    // What the smaller plan holds back ("can't add new files until…") is no window on leaving.
    expect(lex.has('restrictedWindow', "If you cancel or move to a smaller plan, your files stay readable, but you can't add new files until you are under the new limit.")).toBe(
      false,
    );
    expect(lex.has('restrictedWindow', "If you downgrade, changes can't be made until your contract ends.")).toBe(true);
    // Notice some hours before the next charge is notice, not a window; a session that times out loses nothing of the plan.
    expect(lex.has('restrictedWindow', '如欲停止續訂,須於下次扣款日 24 小時前完成。')).toBe(false);
    expect(lex.has('restrictedWindow', '如需取消自动续费，须于下次扣费日 24 小时前关闭。')).toBe(false);
    expect(lex.has('lossFraming', '為保障您的安全，閒置 10 分鐘將自動登出')).toBe(false);
    expect(lex.has('lossFraming', '終止後，您的所有裝置將自動登出並清除資料')).toBe(true);
    // "The next debit month" (次一扣款月份) is later, as 下一扣款月份 is.
    expect(lex.has('delayedEffect', '降級申請送出後，將於次一扣款月份起生效，當月仍以原方案計費。')).toBe(true);
  });
  it('reads cancelling in the app store’s settings, hours before the charge, as self-service and notice (round 25)', () => {
    const s = '每月自動續購 到期時將以原價 NT$300 自動扣款續購，取消請於扣款前 24 小時至裝置商店設定。';
    expect(lex.has('contactRequirement', s)).toBe(false);
    expect(lex.has('restrictedWindow', s)).toBe(false);
    expect(lex.has('contactRequirement', '如需退订，请前往门店办理。')).toBe(true);
  });
  it('reads the first places of a contest as a ranking, not as scarcity', () => {
    expect(lex.has('urgency', '【公會戰】第 12 季公會爭霸賽報名開跑,前 16 名公會可獲稱號獎勵。')).toBe(false);
    expect(lex.has('urgency', '第三季战队赛开打，前 8 名战队晋级')).toBe(false);
    expect(lex.has('urgency', '每日 300 鑽石 + 專屬坐騎，僅限前 500 名玩家')).toBe(true);
    expect(lex.has('urgency', '前100名开通立减30元')).toBe(true);
  });
  it('reads stopping or cutting a card (停卡, 剪卡, 销卡) as leaving, but not reporting a lost card (掛失停卡)', () => {
    expect(lex.has('contactRequirement', '如需將白金卡降等為一般卡,或申請停卡、剪卡,請撥打24小時客服專線 (02)2000-0000 由專人為您辦理。')).toBe(true);
    expect(lex.has('contactRequirement', '如需销卡,请致电客服热线办理。')).toBe(true);
    expect(lex.has('contactRequirement', '信用卡遺失請立即撥打客服專線辦理掛失停卡。')).toBe(false);
    expect(lex.has('contactRequirement', '卡片遗失请致电客服热线办理挂失停卡。')).toBe(false);
  });
  it('reads "the last day of the month" as a date, not a deadline (round 30)', () => {
    expect(lex.has('urgency', 'Passes are valid from the 1st to the last day of the month.')).toBe(false);
    expect(lex.has('urgency', 'Last day of the sale: 50% off Premium')).toBe(true);
    expect(lex.has('urgency', 'Today is the last day to upgrade at this price')).toBe(true);
  });
  it('reads a ranking of favourites (你最愛的歌手前五名是…) as no scarcity', () => {
    expect(lex.has('urgency', '你最愛的歌手前五名是告五人、持修、草東沒有派對。')).toBe(false);
    expect(lex.has('urgency', '你最常听的前5名歌手是A、B、C。')).toBe(false);
    expect(lex.has('urgency', '前100名开通立减30元')).toBe(true);
  });
  it('reads "cannot be ended in online or mobile banking" and "if you wish to end it, visit a branch" as forced contact', () => {
    expect(lex.has('contactRequirement', '本服務無法於網路銀行或行動銀行終止。')).toBe(true);
    expect(lex.has('contactRequirement', '如欲終止,請持身分證件親臨任一分行辦理。')).toBe(true);
    expect(lex.has('contactRequirement', '如需终止,请携带身份证前往营业厅办理。')).toBe(true);
    expect(lex.has('contactRequirement', '如需取消預約,可於本頁線上取消。')).toBe(false);
  });
  it('reads a clause that opens with "once done" (完成後) as answering the clause before', () => {
    expect(lex.has('immediateEffect', '升轉較高資費可直接於網路門市申請，完成後立即生效，當月依日數比例計費。')).toBe(true);
    expect(lex.has('immediateEffect', '升级高档套餐可在营业厅App直接办理，办理后即时生效。')).toBe(true);
    expect(lex.has('immediateEffect', '家庭成員可直接於網路門市申請，完成後立即生效。')).toBe(false);
  });
  it('reads the end of this billing period (本周期) as no deadline of this week (本周)', () => {
    expect(lex.has('urgency', '降级或关闭自动续费:将于下一个计费周期生效,仍按当前档位继续扣费至本周期结束。')).toBe(false);
    expect(lex.has('urgency', '本週期結束為止仍可使用')).toBe(false);
    expect(lex.has('urgency', '超级会员5折,本周日结束')).toBe(true);
    expect(lex.has('urgency', '優惠至本週日截止')).toBe(true);
  });
  it('reads notice as notice, and a window beside it as a window', () => {
    expect(lex.has('restrictedWindow', 'Cancellations must be received at least 30 days before your renewal date.')).toBe(false);
    expect(
      lex.has(
        'restrictedWindow',
        'Cancellation requests are only accepted between the 1st and 10th of the month and must be received at least 30 days before your next draft date.',
      ),
    ).toBe(true);
    expect(lex.has('restrictedWindow', '如需退订，须于下次扣费日前至少 3 天提交申请。')).toBe(false);
  });
  it('reads what comes after a leaving already done as no window on leaving and no demand to call', () => {
    // Returning the modem after unsubscribing, within 30 days or at a branch: the leaving itself is self-service.
    expect(lex.has('restrictedWindow', '退订后光猫请在30日内寄回或交至任一营业网点。')).toBe(false);
    expect(lex.has('contactRequirement', '退订后光猫请在30日内寄回或交至任一营业网点。')).toBe(false);
    expect(lex.has('contactRequirement', '退訂後請將機上盒於 14 日內交回任一直營門市。')).toBe(false);
    expect(lex.has('restrictedWindow', 'Once you cancel, please return the router to any of our stores within 30 days.')).toBe(false);
    // Leaving by contact or in a window is still read so.
    expect(lex.has('contactRequirement', '退订请前往任一营业网点办理,线上暂不支持。')).toBe(true);
    expect(lex.has('restrictedWindow', '当前周期内不支持降级操作，请于到期前3日内再试。')).toBe(true);
  });
  it('reads equipment sent back as no window on leaving and no demand to call', () => {
    // The modem is mailed back or brought to a store: that is about the device, not about leaving.
    expect(lex.has('contactRequirement', '終止服務當日停止計費，數據機請於 14 天內寄回或送至任一門市。')).toBe(false);
    expect(lex.has('restrictedWindow', '終止服務當日停止計費，數據機請於 14 天內寄回或送至任一門市。')).toBe(false);
    expect(lex.has('restrictedWindow', '退订当月光猫需在15天内归还至营业厅。')).toBe(false);
    expect(lex.has('contactRequirement', 'After your last month, the router must be returned to a store within 14 days.')).toBe(false);
    // Leaving itself done by phone or at a store is still read so, a device beside it or not.
    expect(lex.has('contactRequirement', '如需退租，請攜帶設備至門市辦理。')).toBe(true);
    expect(lex.has('contactRequirement', 'To cancel, you must call us at 1-800-555-0100.')).toBe(true);
  });
  it('reads a deadline of the next renewal date as notice, not a window', () => {
    expect(lex.has('restrictedWindow', 'Cancellation must be received before the renewal date.')).toBe(false);
    expect(lex.has('restrictedWindow', '退訂須於扣款日前提出申請，次期即不再扣款。')).toBe(false);
    // A window before the renewal date is still one.
    expect(lex.has('restrictedWindow', 'Cancellations are only accepted in the last 7 days before the renewal date.')).toBe(true);
    expect(lex.has('restrictedWindow', '取消須於到期前 7 日內辦理')).toBe(true);
  });
  it('reads a callback by phone before a downgrade is done as a demand to call', () => {
    expect(lex.has('contactRequirement', '降级及关闭自动续费申请提交后，须由您的专属班主任电话回访确认方可办理。')).toBe(true);
  });
  it('reads a refund counted by the days not yet run as no window', () => {
    // 未到期日數 measures a prorated refund; it is not "not yet expired, so you may not leave".
    expect(lex.has('restrictedWindow', '之後可隨時於會員中心線上取消,取消立即生效,並依未到期日數退還保費。')).toBe(false);
    expect(lex.has('restrictedWindow', '您可隨時一鍵取消,取消當日生效,已繳保費依未到期日數按日退還。')).toBe(false);
    expect(lex.has('restrictedWindow', '合約未到期前不得取消或降轉方案。')).toBe(true);
  });
  it('a clause that says changes apply at once is no delay, whatever date stands in it', () => {
    expect(lex.has('delayedEffect', '下次扣款 2027-01-05 升级为年度会员降级为基础版取消订阅关闭自动续费 所有变更即时生效,降级或取消后未使用天数按日退款。')).toBe(false);
    expect(lex.has('delayedEffect', '调低后的频次以及停用月卡，均从下一个服务月开始执行，本月仍按当前卡种扣费。')).toBe(true);
  });
  it('lets a condition lead as the topic, however long', () => {
    expect(lex.has('contactRequirement', '如需申请退款或提前终止年度订阅,请拨打客服热线 400-820-7731 由人工客服办理,线上暂不支持。')).toBe(true);
    expect(lex.has('contactRequirement', 'If you would like to cancel your family plan and keep only one seat for yourself, please call our support line on 0800 123 456.')).toBe(
      true,
    );
  });
  it('reads "申請核准後" as pointing back to the application of the sentence before', () => {
    expect(lex.has('delayedEffect', '降轉須親臨門市辦理；網路門市恕不受理。申請核准後，新資費將於次一帳單週期起生效。')).toBe(true);
    expect(lex.has('delayedEffect', '我们会在收到付款后发送发票。申请提交后，新套餐将于下个月生效。')).toBe(false);
    // An upgrade's application, or a delay sentence after a full stop, does not point back to a downgrade.
    expect(lex.has('delayedEffect', '您可隨時申請降級。升級申請核准後，新方案將於次月生效。')).toBe(false);
  });
  it('reads the topic of a nominal clause and "after submitting" as pointing back', () => {
    expect(lex.has('delayedEffect', '关闭自动续费或降级为普通会员的，将在当前会员期满后的下一计费周期生效，当期费用不予退还。')).toBe(true);
    expect(lex.has('delayedEffect', '升级、降级与取消均在确认后立即生效：升级按剩余天数补差价，降级或取消按剩余天数原路退还。')).toBe(false);
    expect(lex.has('restrictedWindow', '已扣款之期間恕不退費。')).toBe(false);
  });
  it('reads "not applied immediately" as a delay', () => {
    expect(lex.has('delayedEffect', 'Downgrades are not applied immediately: your account stays on Pro until the end of the period.')).toBe(true);
    expect(lex.has('delayedEffect', '降级不会立即生效,当前计费周期内仍按原套餐计费。')).toBe(true);
    expect(lex.has('delayedEffect', '降級並不會立即生效,本期仍依原方案計費。')).toBe(true);
    expect(lex.has('delayedEffect', 'Downgrades are applied immediately and refunded pro rata.')).toBe(false);
  });
  it('reads a clause that takes effect only then after the clause that says of what', () => {
    expect(lex.has('delayedEffect', '切换为黄金VIP或关闭自动续费须待当前会员周期结束,于下个计费周期才生效,本周期费用不予退还。')).toBe(true);
    expect(lex.has('delayedEffect', '降轉方案須待本期帳單結清，於次月才會生效。')).toBe(true);
    expect(lex.has('delayedEffect', '升级须待支付完成,于次日才生效。')).toBe(false);
  });
  it('reads a change that takes effect at once as immediate, whatever is billed later', () => {
    expect(lex.has('delayedEffect', 'Any plan change, upgrade or downgrade, takes effect immediately and is prorated on your next bill.')).toBe(false);
    expect(lex.has('delayedEffect', 'Cancellation is effective immediately; the refund is processed on your next statement.')).toBe(false);
    expect(lex.has('delayedEffect', '取消即时生效，退款将于下个账单周期处理。')).toBe(false);
    // Leaving at once does not undo a window on when one may ask.
    expect(lex.has('restrictedWindow', '取消即时生效，仅限每月最后3日内申请。')).toBe(true);
    // A clause that says the change is not immediate leads the later effect.
    expect(lex.has('delayedEffect', '降低配置不会立即生效,将于下一个计费周期开始后生效,本周期内仍按原规格计费。')).toBe(true);
    expect(lex.has('delayedEffect', 'Cancellation is not effective immediately; it takes effect on your next billing date.')).toBe(true);
    // The time of asking is not the time of effect.
    expect(lex.has('delayedEffect', 'If you cancel today, the cancellation takes effect at the end of your billing period.')).toBe(true);
    expect(lex.has('delayedEffect', 'Downgrades take effect on your next billing date.')).toBe(true);
  });
  it('reads "the same day" as at once', () => {
    expect(lex.has('immediateEffect', '升級 5G 1399 型 線上申請，即日生效，當月費用依日數計算。')).toBe(true);
    expect(lex.has('immediateEffect', '升级到年度套餐后当天生效。')).toBe(true);
    expect(lex.has('immediateEffect', 'Add weekend print delivery and your paper starts arriving this Saturday — the new rate applies from today.')).toBe(true);
    expect(lex.has('delayedEffect', 'Downgrades and cancellations are processed at the end of the following full billing period.')).toBe(true);
  });
  it('lets the subject lead only in a short clause', () => {
    expect(lex.has('restrictedWindow', '如需降级，请于到期前7日内操作。')).toBe(true);
  });
  it('reads "after acceptance" as pointing back, and "only after the minimum term" as a window', () => {
    const isp = '降速及退租無法於線上辦理,請由本人撥打客服專線或攜帶雙證件至門市臨櫃申請。受理後將於次一個帳單週期起生效,當期月租費仍依原方案收取。';
    expect(readings(isp, lex).some((r) => lex.has('delayedEffect', r))).toBe(true);
    expect(
      lex.has('restrictedWindow', 'Cancellation requests are only accepted after your 12-month minimum term and must be received at least 30 days before your next billing date.'),
    ).toBe(true);
    expect(lex.has('restrictedWindow', 'You can cancel online at any time; upgrades are only available after your initial term.')).toBe(false);
  });
  it('reaches past a step between to the subject, but not past an upgrade', () => {
    const gym =
      'Cancellations and downgrades cannot be made online. Please call your home club at (555) 201-8890 or visit the front desk in person with a photo ID. Requests are only accepted during the final 30 days of your 12-month agreement.';
    expect(readings(gym, lex).some((r) => lex.has('restrictedWindow', r))).toBe(true);
    const upgrade =
      'You can cancel online at any time. Upgrades to Black need approval from your club manager. Requests are only accepted during the final 30 days of your agreement.';
    expect(readings(upgrade, lex).some((r) => lex.has('restrictedWindow', r))).toBe(false);
  });
  it('takes the subject from the sentence before when the clause points back to it', () => {
    expect(
      lex.has(
        'restrictedWindow',
        'Moving to a smaller plan is handled by our billing team at the branch office. Such requests are only accepted in the final 14 days before your renewal date.',
      ),
    ).toBe(true);
    expect(lex.has('restrictedWindow', '降级到基础套餐需要由客户经理审核后人工办理。此类申请仅在每个计费周期的最后3天内受理。')).toBe(true);
    expect(lex.has('delayedEffect', '您可以隨時申請降級為基本方案。該申請將於下一個帳單週期起生效。')).toBe(true);
    // Round 36 (set FX): "申請時…" (when applying) points back to what the sentence before asks for.
    expect(lex.has('anaphor', '申請時請撥打客服專線 0800-000-123 或親至門市辦理。')).toBe(true);
    expect(lex.has('anaphor', '办理时请携带身份证件。')).toBe(true);
    expect(lex.has('anaphor', '線上申請時段為每日 9:00–18:00。')).toBe(false);
    // Round 37 fixes of rounds 35-36's pages (sets FV, FZ): "Approved reductions…" points back; 無法自行操作 after a way out is forced contact.
    expect(
      lex.has(
        'delayedEffect',
        "Plan reductions and cancellations can't be made online. Please call our Accounts team or contact support to request the change. Approved reductions take effect from your next billing cycle, not the current one.",
      ),
    ).toBe(true);
    expect(lex.has('delayedEffect', 'Approved reductions take effect from your next billing cycle.')).toBe(false);
    expect(lex.has('contactRequirement', '取消會員或退訂自動扣款無法自行操作，須由客服人員辦理。')).toBe(true);
    expect(lex.has('contactRequirement', '取消会员或退订自动扣款无法自行操作，须由客服人员办理。')).toBe(true);
    expect(lex.has('contactRequirement', '降級後無法自行恢復原方案。')).toBe(false);
    // Without a pointer back, or with an upgrade before it, the sentences stay apart.
    expect(
      lex.has('restrictedWindow', 'Moving to a smaller plan is handled by our billing team. Gift cards are only accepted in the final 14 days before your renewal date.'),
    ).toBe(false);
    expect(lex.has('restrictedWindow', 'Upgrading to Pro unlocks more seats. Such requests are only accepted in the final 14 days before your renewal date.')).toBe(false);
  });
});

describe('a denied self-service phrase does not excuse a contact demand', () => {
  it('"不支持线上自助操作" refuses self-service', () => {
    expect(lex.affirms('selfService', '如需降级或退订，请添加您的专属学习顾问微信，或致电客服由顾问为您办理，平台暂不支持线上自助操作。')).toBe(false);
  });
  it('an offered self-service path still counts', () => {
    expect(lex.affirms('selfService', '您也可以随时在线自助取消，无需致电客服。')).toBe(true);
    expect(lex.affirms('selfService', 'You can cancel online at any time, no need to call.')).toBe(true);
  });
});

describe('scarcity words', () => {
  it('unlimited is not limited', () => {
    expect(lex.has('urgency', '車內 Wi-Fi 無限量')).toBe(false);
    expect(lex.has('urgency', '限量 50 組・僅剩 7 組！')).toBe(true);
  });
});

describe('loss framing and what is not', () => {
  it('reads losses named with feeling as loss framing', () => {
    expect(lex.has('lossFraming', '退订后,这些优惠都会离你而去')).toBe(true);
    expect(lex.has('lossFraming', '取消後優惠券將全部失效')).toBe(true);
  });
  it('does not read an offer that expires with its countdown, or a plain "really cancel?", as loss framing', () => {
    expect(lex.has('lossFraming', '倒數結束後優惠永久失效')).toBe(false);
    expect(lex.has('lossFraming', '真的要取消金卡會員嗎？')).toBe(false);
    expect(lex.has('confirmQuestion', '真的要取消金卡會員嗎？')).toBe(true);
    expect(lex.has('lossFraming', 'Cancelling ends Plus right away and refunds the unused days to your card automatically.')).toBe(false);
    expect(lex.has('lossFraming', 'Cancelling ends all your perks and deletes your playlists.')).toBe(true);
  });
  it('tells the terms of an offer from the charge one already pays (account-page fine print)', () => {
    expect(lex.mentionsAny(['upgradeTopic', 'upgradeAction'], '开通后每月自动续费 ¥30，可随时取消')).toBe(true);
    expect(lex.mentionsAny(['upgradeTopic', 'upgradeAction'], 'Free trial, then $9.99 a month until you cancel')).toBe(true);
    expect(lex.mentionsAny(['upgradeTopic', 'upgradeAction'], '套餐月费 59.00 元，每月1日自动扣费')).toBe(false);
    expect(lex.has('purchaseConsent', '按下確認即表示同意本方案於每期屆滿時自動扣款續訂')).toBe(true);
    expect(lex.has('purchaseConsent', '套餐月费 59.00 元，每月1日自动扣费')).toBe(false);
    // Round 37 (set GA): terms that open "once renewed / subscribed" (續訂後, 开通后) speak of the purchase beside them.
    expect(lex.has('purchaseConsent', '*續訂後將於每月同日自動以原付款方式扣款 NT$150,直至另行通知為止。')).toBe(true);
    expect(lex.has('purchaseConsent', '开通后将每月自动扣费 15 元。')).toBe(true);
    expect(lex.has('purchaseConsent', '自動續訂後將於每月扣款')).toBe(false);
  });
  it('reads a pro-rated difference as no loss, and paying back a discount as one', () => {
    expect(lex.has('lossFraming', '升级或降级均在确认后立即生效，差价按剩余天数折算退回或补缴。')).toBe(false);
    expect(lex.has('lossFraming', '提前解约需补缴已享受的优惠金额')).toBe(true);
  });
});

describe('restrictions of the channel and of the time', () => {
  it('reads "not online after activation" as a channel, not a window, restriction', () => {
    expect(lex.has('restrictedWindow', '会员服务属于虚拟商品,开通后不支持在线退订。')).toBe(false);
    expect(lex.has('restrictedWindow', '会员服务期内暂不受理降低档位的申请。')).toBe(true);
    // When a change applies is delayed-effect's matter; a window restricts when one may ask.
    expect(lex.has('restrictedWindow', 'Downgrades are scheduled and only take effect when your current billing period ends;')).toBe(false);
    expect(lex.has('restrictedWindow', 'Downgrades can only be requested in the last 7 days before your renewal date.')).toBe(true);
    // "Not from the console" refuses the online way: only the company can do it.
    expect(lex.has('contactRequirement', 'Downgrades to Starter can’t be made from the console.')).toBe(true);
    // "end-to-end" is no end of anything.
    expect(lex.has('contactRequirement', 'Includes versioning for 180 days, end-to-end encryption and phone backup.')).toBe(false);
  });
  it('reads a later billing month of an insurance policy and a speed "adjusted" next cycle as delayed', () => {
    expect(lex.has('delayedEffect', '終止或降低保額之申請，將自受理後之次一保單月份起生效。')).toBe(true);
    expect(lex.has('delayedEffect', '降速:申請受理後,將自下一個帳單週期起才調整速率與月租。')).toBe(true);
    expect(lex.has('immediateEffect', '線上申請升速，完成付款後系統即時調整，約 5 分鐘內即可享受新速率。')).toBe(true);
    // A clause opened by 則 answers the one before it, however long that condition is.
    expect(lex.has('delayedEffect', '降級為基本禮遇或終止本加值服務,則須待次一帳單週期起始日方生效,當期月費照常收取。')).toBe(true);
  });
  it('reads a promise of no phone or counter step as self-service, and a condition inside a numbered note', () => {
    expect(lex.affirms('selfService', '取消會籍不收任何手續費，也不需到館或來電。')).toBe(true);
    expect(lex.affirms('selfService', '停止自動續保可隨時於本頁辦理，無須來電或臨櫃。')).toBe(true);
    // The app store's subscription settings are self-service, not a shop to visit.
    expect(lex.affirms('selfService', '如不需要請於到期 24 小時前至手機商店的訂閱設定取消。')).toBe(true);
    expect(lex.has('contactRequirement', '3. 包年包月实例如需退订或申请退款，控制台不提供自助操作，请拨打客服热线 400-820-6618。')).toBe(true);
    expect(lex.has('delayedEffect', 'Any reduction agreed with the team starts from your next full billing cycle, not the current one.')).toBe(true);
    // A counter that cannot process a request on other days takes nothing away from the user.
    expect(lex.has('lossFraming', '終止申請僅限於每月扣款日前 7 日內受理，其他日期櫃檯將無法為您辦理。')).toBe(false);
    expect(lex.has('lossFraming', '取消後將無法觀看所有獨家內容。')).toBe(true);
    // "不會失去" promises nothing is lost.
    expect(lex.has('lossFraming', '停止服務後,已發生的旅遊事故仍可依原保障申請理賠,不會失去理賠權利。')).toBe(false);
    expect(lex.has('lossFraming', '取消后不会失去已购内容')).toBe(false);
    expect(lex.has('lossFraming', '取消後你會失去所有收藏')).toBe(true);
    // "默认不开通" says renewal is off until ticked: nothing takes effect later.
    expect(lex.has('delayedEffect', '年度学习卡 应付金额¥198.00 到期后自动续费(可随时关闭) 默认不开通自动续费。')).toBe(false);
    // A plan tile's "单月不续费" (one month, no renewal) describes the plan: no exit, no window.
    const tiles = '仅剩最后 36 个名额 连续包月 首月9.9元¥9.9次月起25元/月 月卡 30元¥30单月不续费 年卡 248元¥248 到期自动续费 开通即视为同意';
    expect(lex.has('delayedEffect', tiles)).toBe(false);
    expect(lex.has('restrictedWindow', tiles)).toBe(false);
  });
  it('takes a clause ending in 后 as the condition of the next, with the exit nearest it as subject', () => {
    expect(lex.has('delayedEffect', '关闭自动续费或降级为普通会员后,将于下一个计费周期开始生效,当期费用不予退还。')).toBe(true);
    expect(lex.has('delayedEffect', '降配将在新的计费周期开始后才生效,在此之前仍按原规格计费。')).toBe(true);
    // 核准後 points back to the sentence that names the exit.
    expect(lex.has('delayedEffect', '降級僅限於保單週年日前 30 天內申請,其餘期間恕不受理;核准後將自下一個保單年度起才生效。')).toBe(true);
    // An upgrade's clause before is no exit: nothing is delayed.
    expect(lex.has('delayedEffect', '升级为超级会员后,将于下一个计费周期开始按新价格扣费。')).toBe(false);
  });

  it('takes a clause that ends in the actions it speaks of as the topic of the next', () => {
    expect(lex.has('contactRequirement', '降低带宽、变更为低档资费或办理拆机,须本人携带身份证原件到营业厅办理,或拨打客服热线 10060 转人工坐席提交申请。')).toBe(true);
    // A clause that only ends in an upgrade leads nothing about leaving.
    expect(lex.has('contactRequirement', '提升带宽或办理升级,须本人携带身份证原件到营业厅办理。')).toBe(false);
  });
});

describe('delays that every change shares', () => {
  it('is no delayed effect when upgrades take effect as late as cancellations', () => {
    expect(lex.has('delayedEffect', 'Upgrades, switches and cancellations all take effect from your next payment date (Dec 15);')).toBe(false);
    expect(lex.has('delayedEffect', '升级及降级均于次月生效。')).toBe(false);
    expect(lex.has('delayedEffect', 'Cancellations take effect from your next payment date.')).toBe(true);
  });
  it('reads an upgrade that applies within hours as immediate, and an email sent right away as no effect', () => {
    expect(lex.has('immediateEffect', '升級方案線上申請即可,完成後 2 小時內生效,當月費用按日計算。')).toBe(true);
    expect(lex.has('immediateEffect', "Upgrade to All Clubs, You'll get an email confirmation right away.")).toBe(false);
    expect(lex.has('immediateEffect', 'Upgrades apply immediately.')).toBe(true);
  });
});

describe('round-2 readings (sets BZ-CB)', () => {
  it('reads a deadline to give notice by as no window on leaving', () => {
    expect(lex.has('restrictedWindow', '終止須於扣款日前 15 日提出。')).toBe(false);
    expect(lex.has('restrictedWindow', 'Cancellations must be requested no later than 15 days before the billing date.')).toBe(false);
    // A window is still one.
    expect(lex.has('restrictedWindow', '降轉僅受理於本期結帳日前 3 日內提出,其餘期間系統不受理')).toBe(true);
    expect(lex.has('restrictedWindow', '終止自動續保之申請僅受理保期屆滿前 30 日至 15 日之間提出')).toBe(true);
  });
  it('takes the topic of a heading ended by a colon as the subject of a long sentence', () => {
    expect(
      lex.has('restrictedWindow', 'Changing to a lower plan: requests to switch to Off-Peak are only accepted in the 30 days before your contract anniversary (Feb 2 – Mar 2).'),
    ).toBe(true);
  });
  it('reads "no time limit" as no urgency and "no longer charged on <date>" as no loss', () => {
    expect(lex.has('urgency', '规则说明升级、变更为基础会员和取消订阅均在本页一键完成,随时可操作,不限时间段。')).toBe(false);
    expect(lex.has('urgency', '限时特惠')).toBe(true);
    expect(lex.has('lossFraming', '取消後將不再於 2026/12/10 扣款。')).toBe(false);
    expect(lex.has('lossFraming', '取消後將不再享有會員價。')).toBe(true);
  });
  it('reads scarcity with words between the number and the thing', () => {
    expect(lex.has('urgency', 'Only 3 discounted Gold spots left in your area')).toBe(true);
    expect(lex.has('urgency', 'only 4 discounted seats left')).toBe(true);
  });
});

describe('round-3 readings (sets CC-CE)', () => {
  it('reads a bare "really give up?" as no loss, and what vanishes at once as one', () => {
    expect(lex.has('lossFraming', '真的要放棄了嗎？')).toBe(false);
    expect(lex.has('lossFraming', '真的要放棄 Gold 會員的所有特權嗎？')).toBe(true);
    expect(lex.has('lossFraming', '取消後,下列內容會立刻消失,而且無法復原:')).toBe(true);
  });
});

describe('round-4 readings (sets CF-CH)', () => {
  it('shames a decline that calls the user a quitter, and reads a switch to a single plan as leaving', () => {
    expect(lex.has('confirmshaming', '我就是想當個半途而廢的人')).toBe(true);
    expect(lex.has('delayedEffect', 'A switch to Individual takes effect from your next billing period, not before.')).toBe(true);
  });
});

describe('round-5 readings (sets CI-CK)', () => {
  it('reads an upgrade "done automatically within 10 minutes" as immediate', () => {
    expect(lex.has('immediateEffect', '升速申請送出後約10分鐘內自動完成,當日即可享受新速率。')).toBe(true);
  });
});

describe('round-16 readings (sets DP-DR)', () => {
  it('reads a negation before the first of two joined verbs as denying the second', () => {
    expect(lex.affirms('selfService', "Memberships can't be cancelled or downgraded online.")).toBe(false);
    // Joined to a verb that is not denied, the offer still stands.
    expect(lex.affirms('selfService', 'You can cancel or downgraded online at any time.')).toBe(true);
    expect(lex.affirms('selfService', 'No fee applies: you can cancel or downgrade online.')).toBe(true);
  });
  it('reads hours of notice before the charge date as notice, not a window', () => {
    expect(lex.has('restrictedWindow', '如欲停止續約，須於每期扣款日前 24 小時於設定中關閉；')).toBe(false);
    expect(lex.has('restrictedWindow', '如需停止续费，须于每期扣款日前 24 小时在设置中关闭。')).toBe(false);
    // Hours within which alone it may be done are still a window.
    expect(lex.has('restrictedWindow', '停止續約僅限於扣款日前 24 小時內辦理。')).toBe(true);
  });
  it('reads a downgrade that "only applies once the cycle has ended" as a delay, not a window', () => {
    expect(lex.has('restrictedWindow', 'Downgrades only apply once your current billing cycle has ended.')).toBe(false);
    expect(lex.has('delayedEffect', 'Downgrades only apply once your current billing cycle has ended.')).toBe(true);
    expect(lex.has('restrictedWindow', 'You can only apply for a downgrade in the last 7 days of your billing cycle.')).toBe(true);
  });
  it('reads a price that returns after the first month as a term, not urgency', () => {
    expect(lex.has('urgency', '开通后将于每月到期前1日自动扣费 ¥30（首月后恢复原价），直至您主动取消。')).toBe(false);
    expect(lex.has('urgency', '优惠今晚结束，之后恢复原价')).toBe(true);
  });
});

describe('round-17 readings (sets DS-DU)', () => {
  it('reads a promotion one joined through as no urgency', () => {
    expect(lex.has('urgency', '参与限时折扣活动开通的会员,活动期间不支持降级。')).toBe(false);
    expect(lex.has('urgency', '透過限時優惠開通的會員，活動期間不得降轉。')).toBe(false);
    expect(lex.has('urgency', '限时折扣，今晚结束')).toBe(true);
  });
});

describe('round-18 readings (sets DV-DX)', () => {
  it('reads notice given "at least N hours" before expiry as notice, not a window', () => {
    expect(lex.has('restrictedWindow', '首月 ¥9.9,到期前 1 天将自动扣除下一周期费用 ¥39/月,如需停止请在到期前至少 24 小时关闭自动续费。')).toBe(false);
    expect(lex.has('restrictedWindow', '如需停止續訂,請於到期前至少 48 小時關閉自動續訂。')).toBe(false);
    expect(lex.has('restrictedWindow', 'To stop renewal, turn it off at least 24 hours before your renewal date.')).toBe(false);
    // Only within the last hours before expiry is still a window.
    expect(lex.has('restrictedWindow', '仅可在到期前 24 小时内取消自动续费。')).toBe(true);
  });
});

describe('round-18 shaming (set DW)', () => {
  it('reads "being single is no big deal" on a way out as shaming', () => {
    expect(lex.has('confirmshaming', '我還是要取消，單身也沒差')).toBe(true);
    expect(lex.has('confirmshaming', '我还是要取消，单身也无所谓')).toBe(true);
    // Saying the loss of nothing matters is no shaming.
    expect(lex.has('confirmshaming', '確定取消訂閱')).toBe(false);
    expect(lex.has('confirmshaming', '單身方案也可隨時取消')).toBe(false);
  });
});

describe('round-19 readings (set EA)', () => {
  it('reads what happens to a renewal box left unticked as no delay on leaving', () => {
    expect(lex.has('delayedEffect', '未勾选则到期后停止服务，不会扣费。')).toBe(false);
    expect(lex.has('delayedEffect', '若未勾選則到期後停止服務，不會扣款。')).toBe(false);
    // A cancellation that ends service only at expiry is still one.
    expect(lex.has('delayedEffect', '取消自动续费后，到期后停止服务。')).toBe(true);
  });
});

describe('round-20 readings (sets EC, ED)', () => {
  it('reads a negation before the first of two joined channels as denying self-service on the second', () => {
    expect(lex.affirms('selfService', '套餐降档不支持网上营业厅及APP自助办理,请前往营业厅办理。')).toBe(false);
    expect(lex.affirms('selfService', '降档可在网上营业厅或APP自助办理，不收取任何费用。')).toBe(true);
  });
  it('reads an upgrade heading followed by "即時生效" as an immediate upgrade', () => {
    expect(lex.has('immediateEffect', '升級為尊榮保障（月繳 $199，含電池與螢幕無限次維修）：線上申請，即時生效。')).toBe(true);
    // Turning renewal off at once is no upgrade.
    expect(lex.has('immediateEffect', '如需每月自动续费,请勾选下方选项:可在“我的—会员管理”中随时一键关闭,关闭后立即生效。')).toBe(false);
  });
});

describe('round-22 readings (set EI)', () => {
  it('reads insurance against a loss as a feature, not a loss on leaving', () => {
    expect(lex.has('lossFraming', '盗刷损失保障最高 10 万元')).toBe(false);
    expect(lex.has('lossFraming', '账户资金损失险，最高赔付 5 万元')).toBe(false);
    // Leaving still loses things.
    expect(lex.has('lossFraming', '关闭后您将损失全部会员权益')).toBe(true);
  });
});
