import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../src/rules/lexicon';
import { BUNDLED_WORD_LISTS, bundledLexicon } from '../../src/rules/word-lists';

const lex = bundledLexicon();
const cases: [string, string][] = [
  // Simplified Chinese
  ['立即升级', 'upgrade'],
  ['开通超级会员', 'upgrade'],
  ['续费', 'upgrade'],
  ['立即续费 ¥25/月', 'upgrade'],
  ['保留当前套餐', 'retain'],
  ['再想想', 'retain'],
  ['继续享受会员权益', 'retain'],
  ['降级', 'downgrade'],
  ['降档', 'downgrade'],
  ['变更为基础套餐', 'downgrade'],
  ['切换到基础版', 'downgrade'],
  ['改为按次计费', 'downgrade'],
  ['取消包年方案', 'cancel'],
  ['改為計次方案', 'downgrade'],
  ['終止加購', 'cancel'],
  ['立即升等至無限卡禮遇', 'upgrade'],
  ['Switch to Individual', 'downgrade'],
  ['取消加购服务', 'cancel'],
  // An add-on named between the verb and its kind: the add-on is one's own plan.
  ['停止綠電加值方案', 'cancel'],
  ['停止绿电增值套餐', 'cancel'],
  ['終止附加險', 'cancel'],
  // A decline that names what it declines (不加購, 暂不开通) is no way in.
  ['不加購,繼續', 'other'],
  ['暂不开通', 'other'],
  ['取消月租方案', 'cancel'],
  ['取消簡訊動態通知服務', 'cancel'],
  ['办理低档套餐', 'downgrade'],
  ['办理5G套餐', 'upgrade'],
  ['办理套餐变更（降档）', 'downgrade'],
  ['加保住院醫療', 'upgrade'],
  ['马上升到129元套餐', 'upgrade'],
  ['停用機場接送服務', 'cancel'],
  ['变更为 19 元基础套餐', 'downgrade'],
  ['取消短信通知服务', 'cancel'],
  ['Switch to pay-as-you-go', 'downgrade'],
  ['取消订阅', 'cancel'],
  // "Still terminate" beside "Keep my cover" on an insurance add-on's retention step (set CP).
  ['仍要終止', 'cancel'],
  ['仍要终止', 'cancel'],
  ['繼續保障，維持現有方案', 'retain'],
  ['继续保障', 'retain'],
  ['立即申辦', 'upgrade'],
  ['申辦 5G 吃到飽', 'upgrade'],
  // Buying the next period of a pass (sets CU, CV).
  ['立即續購下期月票', 'upgrade'],
  ['續購下期', 'upgrade'],
  // Stopping a recurring payment ends the plan (set CV); a single payment's "cancel" does not.
  ['取消定期付款', 'cancel'],
  ['关闭自动支付', 'cancel'],
  ['关闭自动续费', 'cancel'],
  ['取消自动续费', 'cancel'],
  ['退订', 'cancel'],
  ['申请退款', 'cancel'],
  ['取消 订阅', 'cancel'],
  // Traditional Chinese
  ['立即升級', 'upgrade'],
  ['保留目前方案', 'retain'],
  ['降級', 'downgrade'],
  ['變更為基本方案', 'downgrade'],
  ['取消訂閱', 'cancel'],
  ['關閉自動續訂', 'cancel'],
  ['終止螢幕保障', 'cancel'],
  ['取消月票', 'cancel'],
  ['停用季卡', 'cancel'],
  ['提前續訂一年', 'upgrade'],
  ['線上升轉 1399 方案', 'upgrade'],
  ['領取 5 折續訂', 'upgrade'],
  ['提前续费一年', 'upgrade'],
  ['改為輕騎方案', 'downgrade'],
  ['改為輕鬆付', 'other'],
  ['终止碎屏保障服务', 'cancel'],
  // English
  ['Upgrade', 'upgrade'],
  ['Go Premium', 'upgrade'],
  ['Upgrade to Premium', 'upgrade'],
  ['Subscribe', 'upgrade'],
  ['Renew now', 'upgrade'],
  ['Add 40 more probes — Harvest Pro', 'upgrade'],
  ['Keep my plan', 'retain'],
  ['Never mind', 'retain'],
  ['Stay', 'retain'],
  ['Downgrade', 'downgrade'],
  ['Switch to Basic', 'downgrade'],
  ['Switch to Base plan', 'downgrade'],
  ['退保颱風洪水險', 'cancel'],
  ['退保說明', 'other'],
  ['订阅管理', 'other'],
  ['管理会员与自动续费', 'other'],
  ['Cancel membership', 'cancel'],
  ['Cancel my subscription', 'cancel'],
  ['Turn off auto-renew', 'cancel'],
  ['Unsubscribe', 'cancel'],
  ['Request a refund', 'cancel'],
  ['ＣＡＮＣＥＬ ＭＥＭＢＥＲＳＨＩＰ', 'cancel'],
  // Negatives: dialog dismissals, unrelated cancels, prose
  ['Cancel', 'other'],
  ['取消', 'other'],
  ['取消。', 'other'],
  ['Close', 'other'],
  ['cancel order', 'other'],
  ['Cancel my order', 'other'],
  ['取消收藏', 'other'],
  ['取消关注', 'other'],
  ['取消訂單', 'other'],
  // Round 26: a saved payee is no account bought; keeping the membership after a comma is staying.
  ['新增常用帳號', 'other'],
  ['新增帳號', 'upgrade'],
  ['我要繼續變強，保留會籍', 'retain'],
  ['Get 2 TB', 'upgrade'],
  ['Add 10 GB data pass', 'upgrade'],
  ['Confirm payment', 'upgrade'],
  // Round 30: stopping a pass's renewal names the pass between the verb and the renewal.
  ['關閉月卡自動續訂', 'cancel'],
  ['关闭会员自动续费', 'cancel'],
  ['Upgrade your browser', 'other'],
  ['Subscribe to our newsletter', 'other'],
  ['Stay signed in', 'other'],
  ['Save', 'other'],
  ['Read the news', 'other'],
  ['Reporters found that users could upgrade in one tap but needed to call to cancel their subscription and downgrade the plan, which regulators criticised.', 'other'],
];

describe('roles from accessible names', () => {
  it.each(cases)('%s → %s', (label, role) => {
    expect(lex.classify(label).role).toBe(role);
  });

  it("reads the lists' dismissals and tiers only when it first names a control (a page the pre-check ends names none)", () => {
    let reads = 0;
    const counted = BUNDLED_WORD_LISTS.map((w) => {
      const copy = { ...w };
      Object.defineProperty(copy, 'dismiss', { get: () => (reads++, w.dismiss), enumerable: true });
      return copy;
    });
    const fresh = new Lexicon(counted);
    expect(fresh.mentionsAny(['upgrade'], 'upgrade now')).toBe(true);
    expect(reads).toBe(0);
    expect(fresh.classify('Cancel').tags).toContain('dialog-dismiss');
    expect(reads).toBe(counted.length);
    fresh.classify('Not now');
    expect(reads).toBe(counted.length);
  });

  it('tags a bare Cancel as a dialog dismissal and a manage link as a path to the plan', () => {
    expect(lex.classify('Cancel').tags).toContain('dialog-dismiss');
    expect(lex.classify('管理自动续费').tags).toContain('manage-subscription');
    expect(lex.classify('Manage subscription').tags).toContain('manage-subscription');
    // A change of membership level is a path to the plan (set ES: 会员等级变更 filed under 账户安全设置).
    for (const label of ['会员等级变更', '變更會員等級', 'Change membership level']) expect(lex.classify(label).tags).toContain('manage-subscription');
    expect(lex.classify('等级特权').tags).not.toContain('manage-subscription');
    // Round 31 (set FK): the way to turn renewal off, named after the renewal itself.
    for (const label of ['manage auto-renewal', 'Manage your automatic renewal', 'Manage auto-renewals']) expect(lex.classify(label).tags).toContain('manage-subscription');
    expect(lex.classify('Auto-renewal terms').tags).not.toContain('manage-subscription');
    // Giving up one's own goal is a shaming decline.
    expect(lex.has('confirmshaming', '不了，我決定放棄自己的健身目標')).toBe(true);
    expect(lex.has('confirmshaming', '放棄本次優惠')).toBe(false);
    // Bearing the loss oneself (認賠) shames as 認了 does (round 28).
    expect(lex.has('confirmshaming', '不用了,手機摔壞我自己認賠')).toBe(true);
    expect(lex.has('confirmshaming', '不用了，手机摔坏我自己认赔')).toBe(true);
    expect(lex.has('confirmshaming', '本公司已認賠並退款')).toBe(false);
    // A service shown as in use ("手機安心保（基本）使用中") is one's own (round 30); a charge "隨電信帳單收取" is not (a checkout says it too).
    expect(lex.has('accountContext', '手機安心保（基本）使用中')).toBe(true);
    expect(lex.has('accountContext', '月付 NT$149,隨電信帳單收取')).toBe(false);
  });

  it('takes "Cancel <name>" as an exit when a plan control names the same thing', () => {
    const endsPlanNamedBy = (label: string, plans: string[]) => {
      const object = lex.exitObject(label);
      return object !== null && plans.some((p) => lex.planKey(p).includes(object));
    };
    expect(endsPlanNamedBy('Cancel Travel Shield', ['Upgrade to Travel Shield Plus'])).toBe(true);
    expect(endsPlanNamedBy('取消暢讀卡', ['升級暢讀卡年繳'])).toBe(true);
    expect(endsPlanNamedBy('Cancel Travel Shield', ['Upgrade to Premium'])).toBe(false);
    expect(endsPlanNamedBy('Cancel order', ['Upgrade your order'])).toBe(false);
    expect(endsPlanNamedBy('Cancel', ['Upgrade'])).toBe(false);
    expect(endsPlanNamedBy('Shield', ['Upgrade to Travel Shield Plus'])).toBe(false);
  });

  it('reads a decline that belittles the user as shaming, and a plain one not', () => {
    for (const t of [
      "I'm okay letting my progress fade",
      'Cancel anyway, I don’t mind losing my stuff',
      "No thanks, I'm fine forfeiting my streak",
      "I'm happy to waste my credits",
    ])
      expect(lex.mentionsAny(['confirmshaming'], t.toLowerCase()), t).toBe(true);
    expect(lex.mentionsAny(['confirmshaming'], '不用了,我就喜歡被其他玩家輾壓')).toBe(true);
    expect(lex.mentionsAny(['confirmshaming'], '不用了,我喜歡現在的方案')).toBe(false);
    // Round 32 (sets FL, FM): a dating service's decline that says the user does not want to be liked.
    for (const t of ['我不需要被喜歡，確定取消', '我不想被喜歡，還是取消', '我不想被爱，确定退订', "No thanks, I don't want to be seen"])
      expect(lex.mentionsAny(['confirmshaming'], t.toLowerCase()), t).toBe(true);
    for (const t of ['我不想被打擾', '我不想被推銷，請停止來電']) expect(lex.mentionsAny(['confirmshaming'], t), t).toBe(false);
    // Round 33 (set FO): leaving called abandoning one's teammates.
    for (const t of ['我要放棄戰友,取消訂閱', '我要放弃队友，取消订阅', 'Cancel and abandon my team']) expect(lex.mentionsAny(['confirmshaming'], t.toLowerCase()), t).toBe(true);
    for (const t of ['離開公會', '邀請朋友加入']) expect(lex.mentionsAny(['confirmshaming'], t), t).toBe(false);
    // Its second clause is the way out: 確定取消 after a comma, not only at the start of a label.
    expect(lex.classify('我不需要被喜歡，確定取消').role).toBe('cancel');
    expect(lex.classify('我不想被爱，确定退订').role).toBe('cancel');
    for (const t of ["I'm fine with my current plan", 'No thanks', "I'm happy with Basic"]) expect(lex.mentionsAny(['confirmshaming'], t.toLowerCase()), t).toBe(false);
  });

  it('ranks membership tiers on one language’s ladder, so a change to a lower one reads as a way down', () => {
    const [ladder, gold] = lex.tierOf('变更为黄金会员')!;
    expect(lex.tierOf('升级至钻石会员')).toEqual([ladder, gold + 2]);
    expect(lex.tierOf('切換為白銀會員')![1]).toBeLessThan(lex.tierOf('升級鑽石會員')![1]);
    expect(lex.tierOf('Switch to Gold')![1]).toBeLessThan(lex.tierOf('Upgrade to Platinum')![1]);
    // 超级 (the video services' 'super' membership) ranks above 黄金 (round 28, set FA); 高级 is on no ladder.
    expect(lex.tierOf('升级至超级会员')![1]).toBeGreaterThan(gold);
    expect(lex.tierOf('升级至高级会员')).toBeNull();
    expect(lex.has('tierChange', '变更为黄金会员')).toBe(true);
    expect(lex.has('tierChange', '开通黄金会员')).toBe(false);
  });

  it('reads a link to read the rules of leaving as no way out, and payment settings as no way in (round 18-19)', () => {
    for (const t of ['查看降级规则', '了解取消订阅说明', '查看退訂規則', 'View downgrade rules', 'Read the cancellation policy', '开通代扣', '申請自動扣繳'])
      expect(lex.classify(t).role, t).toBe('other');
    for (const t of ['降级为普通会员', '取消自動續訂', 'Downgrade to Basic', '开通会员']) expect(lex.classify(t).role, t).not.toBe('other');
    // A period named between the verb and the renewal ("取消包年自动续约") leaves it a way out.
    for (const t of ['取消包年自动续约', '关闭包月自动续费', '取消年繳自動續約']) expect(lex.classify(t).role, t).toBe('cancel');
  });

  it('reads renewing library loans as no plan control, and renewing a membership as a way to stay (round 25)', () => {
    for (const t of ['Renew items', 'Renew my books', 'Renew all loans']) expect(lex.classify(t).role, t).toBe('other');
    for (const t of ['Renew', 'Renew now', 'Renew membership']) expect(lex.classify(t).role, t).toBe('upgrade');
  });

  it('reads a link to the next or a related article as no plan control, and ending an add-on as a way out (round 20)', () => {
    for (const t of ['下一篇：自动续费新规落地一周年', '延伸閱讀：免費試用到期前該做的 3 件事', 'Related: Request a refund', 'Next article: Why cancelling is hard'])
      expect(lex.classify(t).role, t).toBe('other');
    for (const t of ['線上終止附加險', '終止附約', '终止附加险']) expect(lex.classify(t).role, t).toBe('cancel');
  });

  it('reads ending an insurance product by its name as a way out, and "other matters" of a contract as no plan section (round 21)', () => {
    // Round 35 (set FW): a sheet offering a retention price (挽留優惠) speaks of leaving.
    expect(lex.mentionsAny(['exitTopic'], '等等!專屬你的挽留優惠')).toBe(true);
    expect(lex.mentionsAny(['exitTopic'], '限时挽留价')).toBe(true);
    // Round 34 (set FR): ending an add-on clause by its name.
    expect(lex.classify('終止附加條款').role).toBe('cancel');
    expect(lex.classify('终止附加条款').role).toBe('cancel');
    expect(lex.classify('閱讀附加條款').role).toBe('other');
    for (const t of ['終止手機安心保', '终止旅行意外险', '解除螢幕保障']) expect(lex.classify(t).role, t).toBe('cancel');
    for (const t of ['查看手機安心保', '解除綁定']) expect(lex.classify(t).role, t).not.toBe('cancel');
    expect(lex.has('unrelatedSection', '第十八條 其他事項')).toBe(true);
  });
});
