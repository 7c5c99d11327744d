/** Page kind from the page's facts (src/engine/page-kind.ts): which pages are subscription interfaces. */
import { describe, expect, it } from 'vitest';
import { classifyPage, pageFacts, type PageFacts } from '../../src/engine/page-kind';
import { bundledLexicon } from '../../src/rules/word-lists';

const lex = bundledLexicon();
const facts = (f: Partial<PageFacts>): PageFacts => ({
  title: '',
  headings: '',
  text: '',
  planControls: 0,
  stayControls: 0,
  exitControls: 0,
  manageControls: 0,
  retentionDialog: false,
  longParagraphs: 0,
  articleElements: 0,
  ...f,
});

describe('page kind', () => {
  it('reads "charged to the original payment method" as a renewal term, not a word of paying at checkout (round 29)', () => {
    expect(lex.has('checkoutContext', '購買後每 30 天自動以原付款方式扣款')).toBe(false);
    expect(lex.has('checkoutContext', '到期后将通过绑定支付方式自动扣费')).toBe(false);
    expect(lex.has('checkoutContext', '付款方式:信用卡')).toBe(true);
    expect(lex.has('checkoutContext', '选择支付方式')).toBe(true);
  });

  it('reads a season ticket page with its ride records as one’s own, and a help article on changing plans as help (round 31)', () => {
    const pass = '城際通 乘車紀錄 綁定卡片 雙區通勤月票 NT$1,200／月 有效期間：2026/12/01–2026/12/31 · 每月 1 日自動續購 升級為全區暢行票 取消自動續購';
    const own = classifyPage(facts({ title: '定期票管理 - 城際通 交通月票', text: pass, planControls: 2, stayControls: 1, exitControls: 1 }), lex);
    expect(own.kind).toBe('account');
    // The same card without the words of one's own: a price list with a cancel link stays undecided by them.
    expect(classifyPage(facts({ title: '城際通 交通月票', text: pass.replace('乘車紀錄 ', ''), planControls: 2, stayControls: 1, exitControls: 1 }), lex).signals.account).toBe(0);
    const help =
      'Help › Billing articles › Cancelling. Until last March, members who started a cancellation were shown a screen. How to cancel or change your plan. Open Account on the web or in the app. Under Plan, choose Change plan or Cancel membership. Go to Account. Was this article helpful?';
    const article = facts({
      title: 'Why did I see a "You\'ll lose your benefits" message? – Streamly Help',
      headings: 'How to cancel or change your plan',
      text: help,
      longParagraphs: 1,
    });
    expect(classifyPage(article, lex).subscriptionPage).toBe(false);
    // The same heading under a title of one's own account is a plan interface.
    expect(classifyPage({ ...article, title: 'Your account – Streamly' }, lex).subscriptionPage).toBe(true);
  });

  it('reads a membership with its home branch and join date as one’s own, and "Choose your subscription" as no word of one’s own (round 34)', () => {
    const gym = '單店會籍 · 月繳 NT$1,288 所屬分店：台中文心店 · 入會日 2025/05/20 · 綁約已到期 升級為全台通用會籍 加購私人教練課 本月到店紀錄 共 9 次';
    expect(classifyPage(facts({ title: '會籍資料 - 動力健身', text: gym, planControls: 2, stayControls: 2 }), lex).subscriptionPage).toBe(true);
    expect(lex.has('accountContext', '所属门店：徐汇店 · 入会日 2025-05-20')).toBe(true);
    expect(lex.has('accountContext', 'Choose your subscription')).toBe(false);
    expect(lex.has('accountContext', 'Start your membership today')).toBe(false);
    expect(lex.has('accountContext', 'After the trial your subscription renews automatically')).toBe(true);
  });

  it('reads a price list that names the member centre as a place to go, or says its passes do not renew, as offered plans (round 27)', () => {
    const fibre = '光纖上網資費 300M NT$699 / 月 申辦 300M 推薦方案 500M NT$899 / 月 申辦 500M ※ 完整條件請見資費比較表。申辦後可於會員中心隨時調整速率，調升、調降皆於次日生效。';
    const page = classifyPage(facts({ title: '光纖上網資費 - 寬頻家', text: fibre, planControls: 3, stayControls: 3 }), lex);
    expect(page.signals.account).toBe(0);
    expect(page.subscriptionPage).toBe(false);
    // The same words as the page's own place (a link in its menu) still count.
    expect(classifyPage(facts({ title: '我的方案', text: `會員中心 | ${fibre}`, planControls: 3, stayControls: 3 }), lex).signals.account).toBeGreaterThan(0);
    const fares = 'Passes are one-time purchases and do not renew automatically. Day Pass $5 Buy Day Pass Most popular 7-Day Pass $22 Buy 7-Day Pass';
    const transit = classifyPage(facts({ title: 'Passes & Fares – Metro Lakes Transit', text: fares, planControls: 3, stayControls: 3 }), lex);
    expect(transit.signals.renewal).toBe(0);
    expect(transit.subscriptionPage).toBe(false);
  });

  it('does not take a blog that quotes tricks and mentions renewals for a checkout or an account page', () => {
    const text =
      '訂閱容易退訂難？我整理了 5 種常見話術\n1.「此方案於合約期間內無法調降，請於到期前 7 日內再申請」\n遇到這類畫面先別急著關掉。也建議每個月檢查一次信用卡帳單，看看有沒有忘記取消的自動續訂。';
    const page = classifyPage(facts({ title: '省錢小日子', text, planControls: 1, stayControls: 1, longParagraphs: 1 }), lex);
    expect(page.signals.account).toBe(0);
    expect(page.kind).not.toBe('checkout');
    expect(page.subscriptionPage).toBe(false);
  });

  it('reads renewal terms with a price in a report as the report, not a checkout, whatever its newsletter button', () => {
    const report = '本报记者调查发现，多款App开通会员一步完成，连续包月每月15元自动续费；降级则多为次月生效。律师指出，消费者可保存截图投诉。来源：民生观察网';
    const page = classifyPage(facts({ title: '记者实测：会员升级易降级难', text: report, planControls: 1, stayControls: 1, longParagraphs: 2 }), lex);
    expect(page.signals.article).toBeGreaterThanOrEqual(3);
    expect(page.subscriptionPage).toBe(false);
    // The same terms on a page that does not report are a checkout's.
    const terms = '连续包月 每月15元，到期自动续费，可随时关闭。';
    expect(classifyPage(facts({ title: '开通会员', text: terms, planControls: 1, stayControls: 1 }), lex).kind).toBe('checkout');
  });

  it('reads a headline about changing plans as no plan interface on a page that reports', () => {
    const title = '“升级一键完成，降级难于登天”——记者实测多款App会员套餐变更 - 南都观察网';
    const report =
      '近日，多名消费者向本报反映，想降级或退订却处处碰壁。记者随即对十款常用App进行了实测。页面提示：检测到您正在使用多项会员权益，建议您保留当前套餐。某运营商客服表示，降档需提交上报。律师指出，消费者可保存截图投诉。来源：南都观察网';
    expect(classifyPage(facts({ title, text: report, longParagraphs: 1, articleElements: 1 }), lex).subscriptionPage).toBe(false);
    // The same title over a page that does not report is still a plan page's.
    const own = '我的会员 当前套餐：黄金会员 下次扣费 2027-01-09 自动续费已开启';
    expect(classifyPage(facts({ title: '会员套餐变更 - 声海音乐', text: own }), lex).subscriptionPage).toBe(true);
  });

  it("reads a dated next charge as one's own plan, beside a price in the heading", () => {
    const text = '星域通行證 Premium · NT$299/月\n每月自動續訂 · 下次扣款 2026/12/28\n升級至星域通行證 Ultimate\n錢包餘額：120 星鑽';
    const own = classifyPage(facts({ headings: '星域通行證 Premium · NT$299/月', text, planControls: 2, stayControls: 1, exitControls: 1 }), lex);
    expect(own.kind).toBe('account');
    // A price list that names the next charge without a date is no one's plan.
    const list = '星域通行證 Premium · NT$299/月\n每月自動續訂，下次扣款前可隨時取消\n立即訂閱';
    expect(classifyPage(facts({ headings: '星域通行證 Premium · NT$299/月', text: list, planControls: 1, stayControls: 1 }), lex).subscriptionPage).toBe(false);
    expect(lex.findAll('accountContext', 'Your next billing date is March 3, 2027.').map((m) => m.text)).toEqual(['next billing date', 'march 3']);
    expect(lex.findAll('accountContext', 'Cancel anytime before your next billing date.').map((m) => m.text)).toEqual(['next billing date']);
  });

  it('reads an upsell dialog turned down only by a shaming decline as a way in to a subscription', () => {
    const text = '23 people liked you\nSee who likes you with Gold\n50% off your first month — this offer expires in 09:59\nOnly 3 discounted spots left in your area.';
    const offer = facts({ text, planControls: 2, stayControls: 2 });
    expect(classifyPage({ ...offer, offerDialogs: 1 }, lex).kind).toBe('checkout');
    expect(classifyPage(offer, lex).subscriptionPage).toBe(false);
    // Shown to a user the page calls free, it offers no plan of theirs.
    const free = facts({
      text: '我的学习\n您当前为免费学员，可学习全部公开课程。\n年度会员限时 5 折！仅今日有效\n仅剩 7 个名额',
      planControls: 2,
      stayControls: 2,
      offerDialogs: 1,
    });
    expect(classifyPage(free, lex).subscriptionPage).toBe(false);
  });

  it('reads an order receipt that says how it was paid as a shop page', () => {
    const text = '订单详情 我的订单\n骑手正在送餐\n实付 ¥32.00\n申请退款 再来一单\n订单号 2026120111482093\n下单时间 2026-12-01 11:48 · 支付方式 微信支付\n收货地址 科技园南区';
    const page = classifyPage(facts({ text, planControls: 1, exitControls: 1 }), lex);
    expect(page.kind).toBe('other');
  });

  it('takes an order form with a renewal box to tick for a checkout even when its pay button is unknown', () => {
    const text = '确认订单\n配送费 ¥3\n开通省钱月卡，到期自动续费\n之后每月自动扣费 ¥12.9\n合计 ¥35 提交订单';
    const page = classifyPage(facts({ text, renewalOptIns: 1, manageControls: 1 }), lex);
    expect(page.kind).toBe('checkout');
  });

  it('keeps one’s own plan page an account page when it offers a renewing upgrade with a box, with no word of an order', () => {
    const text =
      '我的會員 ‧ 心遇\n目前方案： 黃金會員 （月繳 NT$390，下次扣款 2026/12/21）\n鑽石會員 6 折 倒數結束後恢復原價\n立即升級鑽石會員\n到期自動續訂\n優惠價僅適用首月，次月起依原價 NT$690 自動扣款，直至您取消為止。';
    const page = classifyPage(facts({ title: '我的會員 ‧ 心遇 Dating', text, planControls: 1, stayControls: 1, renewalOptIns: 1, manageControls: 1 }), lex);
    expect(page.signals.account).toBeGreaterThanOrEqual(4);
    expect(page.kind).toBe('account');
  });

  it('does not take a price list that names the account place to cancel in (App「我的月票」) for the account', () => {
    const text =
      '月票方案\n每月自動續訂,可隨時於 App「我的月票」中一鍵降級或取消,取消後當期結束即不再扣款。\n輕騎方案 NT$299 /月\n選擇輕騎方案\n最多人選 暢騎方案 NT$499 /月\n選擇暢騎方案';
    const page = classifyPage(facts({ title: '月票方案 - 城際電動機車', text, planControls: 2, stayControls: 2 }), lex);
    expect(page.signals.account).toBe(0);
    expect(page.subscriptionPage).toBe(false);
  });

  it('reads a membership card page with what is left this month as one’s own account, however many prices it lists', () => {
    const text =
      '小鱼会员 · 连续包月 15元/月\n每月 6 张 5 元无门槛红包,本月剩余 4 张。下次扣费:12月20日。\n升级为年卡\n取消连续包月\n未使用红包可在购买后 7 天内全额退款\n申请退款';
    const page = classifyPage(facts({ title: '小鱼外卖 - 会员卡管理', text, planControls: 3, stayControls: 1, exitControls: 2, manageControls: 1 }), lex);
    expect(page.kind).toBe('account');
  });

  it('reads "你目前是：…" and a pass-management title as one’s own account', () => {
    const text = '你目前是：菁英通行證（NT$290/月）\n立即升級至傳說通行證\n改為標準版\n升級付款完成後立即解鎖全部傳說獎勵。傳說通行證 NT$490/月 · 標準版 NT$150/月';
    const page = classifyPage(facts({ title: '通行證管理 - 幻域遊戲平台', text, planControls: 2, stayControls: 1, exitControls: 1, downgradeControls: 1 }), lex);
    expect(page.kind).toBe('account');
  });

  it('keeps one’s own plan with a running charge and an account word an account page', () => {
    const text = '目前：精英戰令（每月自動扣款 NT$150）\n至尊戰令 限時 5 折';
    const page = classifyPage(facts({ text, planControls: 2, stayControls: 2 }), lex);
    expect(page.kind).toBe('account');
  });

  it('reads "my … pass" titles, what is left this period and a plan’s expiry date as one’s own account', () => {
    const scooter = classifyPage(
      facts({
        title: '我的月票 - GoGo 共享機車',
        headings: '目前方案',
        text: '目前方案 輕騎月票 NT$299／月\n每月 300 分鐘 · 本期剩餘 112 分鐘 · 每月 5 日自動扣款\n加購週末無限騎\n推薦',
        planControls: 2,
        stayControls: 2,
      }),
      lex,
    );
    expect(scooter.kind).toBe('account');
    const course = classifyPage(
      facts({
        title: '我的學習方案 - 學習島',
        text: '多益衝刺年度方案 方案將於 2027/01/15 到期\n年度方案・自動續訂（推薦）NT$3,990／年\n定價 每月',
        planControls: 2,
        stayControls: 1,
        exitControls: 1,
      }),
      lex,
    );
    expect(course.kind).toBe('account');
    // A public price list that only says which plan is recommended stays a price list.
    const pricing = classifyPage(
      facts({ title: '方案與價格', text: '輕騎月票 NT$299／月\n暢騎月票 NT$599／月（推薦）\n每月 5 日前購買享優惠', planControls: 2, stayControls: 2 }),
      lex,
    );
    expect(pricing.kind).toBe('pricing');
  });

  it('takes an offer beside a shaming way to turn it down, with no price list around it, for a sales prompt (checkout)', () => {
    const text = '月卡特惠 - 幻境online\n尊享月卡 限时 6 折\n每日领取 300 钻石 · 经验加成 50%\n今日仅剩 27 份，售完即止！\n立即开通\n我不在乎变强，放弃福利\n返回游戏';
    const offer = classifyPage(facts({ title: '月卡特惠 - 幻境online', text, planControls: 1, stayControls: 1, offerDeclines: 1 }), lex);
    expect(offer.kind).toBe('checkout');
    // Without the shaming decline the same offer is no interface of one's own.
    expect(classifyPage(facts({ title: '月卡特惠 - 幻境online', text, planControls: 1, stayControls: 1 }), lex).subscriptionPage).toBe(false);
    // A price list with a shaming link stays a price list.
    const list = classifyPage(
      facts({
        title: 'Pricing · Acme',
        text: 'Basic $5/month\nPro $12/month\nTeam $30/month\nBilled monthly\nStart free trial\nNo thanks, I like paying more',
        planControls: 3,
        stayControls: 3,
        offerDeclines: 1,
      }),
      lex,
    );
    expect(list.kind).toBe('pricing');
  });

  it('takes a page with a way out of a plan inside a dialog for an account page, and reads 您的附加方案 as one’s own', () => {
    const text = '您的附加方案：100% 綠電（每度加收 NT$0.6）\n您可隨時升級、降低綠電比例或終止。\n變更方案\n終止綠電方案\n確定要終止嗎？\n返回 確認終止綠電方案';
    const page = classifyPage(facts({ title: '綠能方案管理 - 晴川電力', text, planControls: 1, exitControls: 1, exitDialog: true }), lex);
    expect(page.signals.account).toBeGreaterThanOrEqual(1);
    expect(page.kind).toBe('account');
    const noDialog = classifyPage(facts({ title: '說明', text: '如何終止綠電方案？', planControls: 1, exitControls: 1 }), lex);
    expect(noDialog.subscriptionPage).toBe(false);
  });

  it('does not take a one-time purchase that says it does not renew for a checkout of a subscription', () => {
    const text = '冬雪典藏禮包\nNT$590\n購買 NT$590 加入願望清單\n單次購買,不會自動續訂或重複扣款。\n消費須知:未開啟之禮包可於購買後 7 日內申請退款。';
    const page = classifyPage(facts({ title: '冬雪典藏禮包 - 星耀傳說 商城', text, planControls: 1, stayControls: 1 }), lex);
    expect(page.signals.renewal).toBe(0);
    expect(page.subscriptionPage).toBe(false);
    const renewing = classifyPage(facts({ title: '開通月卡', text: '月卡 NT$150\n到期自動續訂,每月扣款 NT$150\n立即開通', planControls: 1, stayControls: 1 }), lex);
    expect(renewing.signals.renewal).toBeGreaterThan(0);
  });

  it('takes an upgrade sheet whose terms say "By continuing, your subscription renews…" for a checkout (round 37, set GC)', () => {
    const text =
      'Spark Gold\nSee who likes you · Unlimited likes\n50% off ends in 09:59 — only today!\n1 month 6 months 12 months\nKeep my Gold benefits going\nContinue – $29.99\nBy continuing, your subscription automatically renews at $59.99 every 6 months unless auto-renew is turned off at least 24 hours before the end of the current period. Your account will be charged for renewal within 24 hours prior to the end of the current period.\nNot now';
    const page = classifyPage(facts({ title: 'Get Spark Gold', text, planControls: 1, stayControls: 1 }), lex);
    expect(page.signals.consent).toBeGreaterThanOrEqual(1);
    expect(page.kind).toBe('checkout');
    // Without the words of consent the same terms are outweighed by the account's own words.
    const noConsent = classifyPage(facts({ title: 'Get Spark Gold', text: text.replace('By continuing, your', 'Your'), planControls: 1, stayControls: 1 }), lex);
    expect(noConsent.kind).not.toBe('checkout');
  });

  it('takes a shop’s checkout that adds a renewing add-on to the order for a checkout of a subscription', () => {
    const text =
      '結帳 - 3C購物網\n返回購物車\nNova 15 Pro 256GB NT$32,900\n加購手機安心保 每月 NT$149\n保障期滿自動續保,按月扣款\n首期 12 個月,期滿後每月自動以信用卡扣款 NT$149 直到您申請終止。\n訂單摘要 商品小計 NT$32,900 運費 免運 應付總額 NT$33,049\n確認結帳';
    const page = classifyPage(facts({ title: '結帳 - 3C購物網', text, planControls: 1, stayControls: 1, renewalOptIns: 1 }), lex);
    expect(page.signals.shop).toBeGreaterThanOrEqual(2);
    expect(page.kind).toBe('checkout');
    // The same shop's checkout without the add-on sells no subscription.
    const plain = classifyPage(facts({ title: '結帳 - 3C購物網', text: text.replace(/加購[^]*申請終止。/u, ''), planControls: 1, stayControls: 1 }), lex);
    expect(plain.subscriptionPage).toBe(false);
  });

  it("takes a page that offers to sign in, with no way out or to manage, for nobody's own plan", () => {
    const text =
      '饗速會員,外送免運費\n月繳方案 NT$99 / 月\n選擇月繳方案\n推薦 · 最划算\n年繳方案 NT$990 / 年\n選擇年繳方案\n可以隨時取消嗎?\n可以。在 App「我的 › 會員管理」按下「取消會員」即可。\n可以在月繳和年繳之間切換嗎?\n可以,隨時於會員管理頁切換。';
    const offer = { title: '外送會員方案 - 饗速外送', text, planControls: 2, stayControls: 2 };
    const signedIn = classifyPage(facts(offer), lex);
    expect(signedIn.signals.account).toBeGreaterThanOrEqual(1);
    expect(signedIn.kind).toBe('account');
    const signedOut = classifyPage(facts({ ...offer, offersSignIn: () => true }), lex);
    expect(signedOut.subscriptionPage).toBe(false);
    // A way out on the page is the user's own plan's, whatever the header offers.
    const withExit = classifyPage(facts({ ...offer, planControls: 3, exitControls: 1, offersSignIn: () => true }), lex);
    expect(withExit.kind).toBe('account');
    // Nor is a page that names the user's account more than once (a header's stray "登录" beside it).
    const own = classifyPage(facts({ ...offer, text: `${text}\n我的會員：年繳方案,下次扣款 2027-01-05`, offersSignIn: () => true }), lex);
    expect(own.signals.account).toBeGreaterThanOrEqual(2);
    expect(own.kind).toBe('account');
  });

  it('reads only a whole sign-in or register label as one', () => {
    for (const label of ['登入', '登录/注册', '會員登入', 'Log in', 'Sign in / Register', 'Sign up', '免费注册']) expect(lex.has('signIn', label), label).toBe(true);
    for (const label of ['登入與安全', '登录设备管理', 'Sign in to see your plan', 'Login & security', '註冊日期', 'Registered devices'])
      expect(lex.has('signIn', label), label).toBe(false);
  });

  it('takes no offer to a user on a free tier for a plan interface', () => {
    const text =
      '我的学习\nPython 数据分析实战 · 已学 12/40 节 继续学习\n您当前为免费学员，可学习全部公开课程。\n年度会员限时 5 折！仅今日有效\n立即抢购年度会员 ¥199\n不了，我不想进步';
    const page = classifyPage(facts({ title: '我的学习 - 学而课堂', text, planControls: 1, stayControls: 1 }), lex);
    expect(page.signals.freeTier).toBe(1);
    expect(page.subscriptionPage).toBe(false);
    // The same page of a paying member is one.
    const member = classifyPage(
      facts({ title: '我的学习 - 学而课堂', text: text.replace('您当前为免费学员', '我的会员：年度会员，下次扣款 2027-01-05'), planControls: 1, stayControls: 1 }),
      lex,
    );
    expect(member.subscriptionPage).toBe(true);
  });

  it('takes a page headed by the add-on one has already added (已加值服務) for one’s own plan, though its heading states the price', () => {
    const text = '會員中心\n已加值服務\n手機安心保 基本型 NT$99／月（隨門號帳單收取）\n限時加碼！今日升級「尊榮保障」首3個月只要 NT$149';
    const head = { title: '加值服務 - 手機安心保', headings: '手機安心保 基本型 NT$99／月（隨門號帳單收取） | 其他服務', planControls: 2, stayControls: 2 };
    const page = classifyPage(facts({ ...head, text }), lex);
    expect(page.kind).toBe('account');
    // Without the words of having added it, the priced heading reads as a plan on offer.
    expect(classifyPage(facts({ ...head, text: text.replace('已加值服務', '加值服務') }), lex).kind).toBe('pricing');
    expect(lex.findAll('accountContext', '已增值的服务 短信提醒').length).toBe(1);
  });

  it('takes a page that speaks of one’s own plan many times over, and sells an add-on below it, for the plan page', () => {
    const own =
      '目前方案\n門號 0912-***-568\n資費方案 4G 月租 599 型\n合約期間 2025/04/08 – 2027/04/07\n本期用量 已使用 14.2GB\n帳單查詢 我的帳戶 會員中心 登出 帳單資訊 目前資費 扣款紀錄 已訂閱';
    const addOn = '加購 影音娛樂包 首月 NT$0\n每月自動續訂\n第二個月起每月自動以 NT$249 計入電信帳單，除非您於每期結帳日前取消。加購即表示同意本公司加值服務條款。';
    const page = classifyPage(facts({ title: '我的方案', text: `${own}\n${addOn}`, planControls: 3, stayControls: 3, renewalOptIns: 1, manageControls: 1 }), lex);
    expect(page.signals.account).toBeGreaterThanOrEqual(8);
    expect(page.kind).toBe('account');
    // A checkout that says "your subscription" a few times is still a checkout.
    const checkout = classifyPage(
      facts({
        title: 'Checkout',
        text: 'Your subscription renews automatically at the then-current price until you cancel. Manage my subscription any time. Card number',
        planControls: 1,
        stayControls: 1,
        renewalOptIns: 1,
      }),
      lex,
    );
    expect(checkout.kind).toBe('checkout');
  });

  it('takes a page headed by the question of leaving for a step of leaving, as a title that names it', () => {
    const text = '確定要取消 Gold 會員嗎?\n您的 Gold 會員(NT$590/月)將於 2026/12/15 到期後停止續訂。\n繼續尋找真愛\n不了,我寧願一個人孤單到老';
    const base = { title: '管理訂閱 - 心動配對', headings: '確定要取消 Gold 會員嗎?', text, planControls: 1, stayControls: 1, manageControls: 1 };
    expect(classifyPage(facts(base), lex).kind).not.toBe('account');
    expect(classifyPage(facts({ ...base, exitStep: true }), lex).kind).toBe('account');
  });

  it('takes a plan with the date it will next renew itself (2026/12/20 自動扣款續約) for one’s own, though the page names a way to pay', () => {
    const text = '飽飽外送 首頁 我的訂單 帳戶\n飽飽 Pass 月繳會員\nNT$120／月，2026/12/20 自動扣款續約\n滿 NT$199 免外送費\n我的訂單 付款方式 邀請好友';
    const page = classifyPage(facts({ title: '飽飽 Pass', headings: '飽飽 Pass 月繳會員', text, planControls: 2, stayControls: 2, renewControls: 1 }), lex);
    expect(page.kind).toBe('account');
    // A checkout states renewal without a date of one's own plan ("到期自動扣款續約").
    const checkout = classifyPage(
      facts({ title: '飽飽 Pass', headings: '飽飽 Pass 月繳會員', text: text.replace('2026/12/20 ', '到期'), planControls: 2, stayControls: 2, renewControls: 1 }),
      lex,
    );
    expect(checkout.kind).toBe('checkout');
    expect(lex.findAll('accountContext', '连续包月 ¥25/月 · 2027-01-08 自动续费').length).toBe(1);
  });

  it('reads "Pick your plan" on a price list as pricing, not as one’s own plan', () => {
    const text =
      'Pick your plan\nIndividual $10.99/mo Get Individual\nMost popular Duo $14.99/mo Get Duo\nPlans renew monthly until you cancel; changes apply from your next billing date.';
    const page = classifyPage(facts({ title: 'Plans – Tonewave Music', headings: 'Pick your plan', text, planControls: 2, stayControls: 2 }), lex);
    expect(page.kind).toBe('pricing');
    // A page titled "Plans – …" is the price list too, whatever account words its terms use.
    const titled = classifyPage(
      facts({
        title: 'Plans – Tunewave',
        text: 'Pick the plan that fits\nDuo $14.99/mo Most popular\nChange plans any time in Account settings; changes apply from your next billing date.',
        planControls: 2,
        stayControls: 2,
      }),
      lex,
    );
    expect(titled.kind).toBe('pricing');
  });

  it('takes a page titled as one’s own plan, with an FAQ section first among its headings, for an account page', () => {
    const text =
      '目前方案 300M / 100M 月租 NT$899・綁約至 2027/06/30・下期帳單 12/25\n立即升速至1G\n常見問題:降速或退租\n我想改成較低速率或退租,要怎麼辦?\n降速及退租無法於網站辦理,請親至直營門市辦理。\n預約門市辦理退租';
    const page = classifyPage(facts({ title: '我的寬頻方案 - 遠光光纖', headings: '常見問題:降速或退租', text, planControls: 2, stayControls: 1, exitControls: 1 }), lex);
    expect(page.kind).toBe('account');
    // The same FAQ heading on a page not titled as one's own is a help page.
    const help = classifyPage(facts({ title: '遠光光纖', headings: '常見問題:降速或退租', text, planControls: 2, stayControls: 1, exitControls: 1, longParagraphs: 2 }), lex);
    expect(help.kind).toBe('help');
  });
});

describe('page facts', () => {
  it('reads the same headings from the tags and the elements of role heading as from one query', () => {
    document.body.innerHTML = `
      <div role="heading">Account</div>
      <h2>Plan</h2><h1>Title</h1>
      <section><h3 role="heading">Billing</h3><p role="heading">Devices</p><h4>Not read</h4></section>
      <span role="headingx">No</span><h2>Last</h2>`;
    const roleHeadings = Array.from(document.querySelectorAll('[role]')).filter((el) => el.getAttribute('role') === 'heading');
    const queried = pageFacts(document);
    expect(queried.headings).toBe('Account | Plan | Title | Billing | Devices | Last');
    expect(pageFacts(document, roleHeadings)).toEqual(queried);
  });

  it('stops at forty headings, in document order', () => {
    document.body.innerHTML = Array.from({ length: 30 }, (_, i) => `<h3>c${i}</h3><div role="heading">r${i}</div>`).join('');
    const roleHeadings = Array.from(document.querySelectorAll('[role=heading]'));
    const queried = pageFacts(document);
    expect(queried.headings.split(' | ')).toHaveLength(40);
    expect(pageFacts(document, roleHeadings)).toEqual(queried);
  });
});
