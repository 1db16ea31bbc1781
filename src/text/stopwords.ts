/**
 * Chinese function words and fillers dropped before classification and similarity. Hand-written:
 * pronouns, particles, conjunctions, prepositions, adverbs of degree and time, numerals written as
 * characters. Content words of petitions (投诉, 物业, 工资 ...) must never be added here, and
 * neither should 市/区/县, which the training data keeps.
 */
const WORDS = `
的 了 着 过 地 得 之 所 者 其 此 彼 某 该 本 各 每 另 别 诸
是 在 有 和 与 及 以及 或 或者 或是 并 并且 并非 而 而且 而是 而已 而言 且 但 但是 可是 然而 然 不过 只是 可 则 即 即使 即便 就算 哪怕 虽 虽然 虽说 尽管 不管 无论 不论 要是 如果 假如 若 若是 的话 只要 只有 除了 除 除外 否则 不然 要么 何况 况且 再说 再者 此外 另外 加之 加上 以免 以便 以至于 从而 因 因为 因此 因而 所以 由于 鉴于 基于 于是 故 可见 总之 综上所述 例如 比如 如 如下 如此 其次 首先 其一 其二 一方面 接下来 然后 接着 此后 从此 后来 等到 当 当中 之中 之类 等 等等 之一
我 我们 你 你们 您 他 他们 她 她们 它 它们 咱们 自己 自家 自身 本身 人家 别人 他人 大家 各位 鄙人 本人 己
这 那 这个 那个 这些 那些 这样 那样 这么 那么 这里 那里 这边 那边 这时 哪 哪个 哪些 哪里 哪儿 谁 什么 什么样 怎么 怎么样 怎样 如何 为什么 为何 何 何时 何处 多少 几 啥 么
吗 呢 吧 啊 呀 嘛 啦 哦 哈 呗 嘿 哎 唉 也好
为 为了 对 对于 给 被 把 将 让 使 使得 由 从 自 自从 向 往 朝 到 至 于 以 按 按照 根据 依照 据 据此 经 经过 通过 随 随着 沿 沿着 靠 凭 本着 关于 至于 替 跟 同 比 离 趁 连 除开 作为
不 没 没有 无 非 未 别 勿 不是 不能 不会 不要 不得 不了 不再 不起 不成 不下 不止 不仅 不仅仅 不但 毫无 毫不 绝不 从不 从未 从来 并未
也 都 就 还 还是 还有 又 再 才 才能 便 仍 仍然 已 已经 曾 曾经 正 正在 刚 刚好 刚刚 将要 即将 马上 立刻 立马 当即 早已 一直 总是 常常 经常 偶尔 时常 往往 渐渐 终于 竟 竟然 居然 偏偏 毕竟 究竟 到底 难道 简直 几乎 差不多 大约 大概 大致 大都 大多 或许 也许 可能 似乎 的确 其实 当然 果然 显然 确实 仅 仅仅 只 光 单 共 总共 一共 一起 一同 互相 相互 亲自 独自 故意 公然 尽量 尽可能 尽早 尽 尽快 务必 千万 必须 必将 理应 应该 应当 需要 可以 能 能够 会 要 想要 愿意 宁愿 敢 肯
附近 很 太 更 更加 更为 最 最为 极 极其 极为 极度 极大 非常 十分 特别 尤其 格外 相当 比较 较 较为 稍 稍微 有点 有些 一些 一点 挺 蛮 过于 多么 大大 颇
一 二 三 四 五 六 七 八 九 十 零 百 千 万 亿 两 半 第 个 上 下 里 内 外 前 后 中 间 边 来 去 出 起 进 进来 进去 出来 出去 起来 上去 下来 过来 过去
一个 一样 一切 一般 一旦 一下 一次 任何 所有 全部 其他 其它 其余 有关 有的 有些 某些 某个 各种 各个 各自 多 多次 很多 许多 不少 很少 大量 人民 开始 结果 同时 其中 基本 基本上 就是 只是 也是 都是 还是 正是 就要 已是 乃至 甚至 以至 从中 加以 另行 屡次 处处 到处 多多 如今 近来 近年来 长期以来 据说 据悉 看来 来看 传说 从早到晚
`;

/** The stop word set (simplified Chinese). */
export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w.length > 0));

/** True when `token` is a stop word. */
export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}
