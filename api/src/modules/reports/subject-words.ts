/**
 * Words of case subjects for the common questions: Chinese (and any other script) segmented
 * with `Intl.Segmenter('zh', { granularity: 'word' })`, punctuation, spaces and numbers dropped,
 * single characters and stop words (particles, pronouns, question words, greetings) dropped,
 * Latin letters lower-cased; each word once per subject.
 */

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words that say nothing about the question asked. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // particles, pronouns, conjunctions
    '的', '了', '着', '过', '是', '在', '和', '与', '及', '或', '也', '就', '都', '还', '又', '而', '被', '把', '给', '对', '从', '向',
    '我', '你', '您', '他', '她', '它', '我们', '你们', '他们', '她们', '自己', '这', '那', '这个', '那个', '这些', '那些', '这里', '那里',
    '一个', '一下', '一些', '一起', '有点', '有些', '没有', '不是', '就是', '还是', '但是', '因为', '所以', '如果', '然后', '而且', '以及', '已经', '可以', '能否', '能不能', '可不可以',
    // question words and fillers
    '什么', '怎么', '怎样', '怎么样', '如何', '为什么', '为何', '哪里', '哪个', '哪些', '多少', '是否', '是不是', '有没有', '请问', '咨询', '问题', '一下子',
    '吗', '呢', '吧', '啊', '呀', '哦', '嗯', '么',
    // greetings
    '你好', '您好', '谢谢', '麻烦', '请', '客户', '顾客',
    // English
    'the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'is', 'are', 'be', 'my', 'i', 'it', 'with', 'about', 'how', 'what', 'why',
  ].map((w) => w.toLowerCase()),
);

/** The distinct words of a subject worth counting, in order of appearance. */
export function subjectWords(subject: string | null | undefined): string[] {
  if (!subject) return [];
  const out = new Set<string>();
  for (const { segment, isWordLike } of SEGMENTER.segment(subject.normalize('NFKC'))) {
    if (!isWordLike) continue;
    const word = segment.trim().toLowerCase();
    if (Array.from(word).length < 2 || Array.from(word).length > 40 || /^[\p{N}\p{P}\p{S}]+$/u.test(word) || STOP_WORDS.has(word)) continue;
    out.add(word);
  }
  return [...out];
}
