/** The pages of responsibility letters, frozen scorecards and accountability (issue 14 item 4). */
export { LettersPage } from './LettersPage.tsx';
export { LetterRoute } from './LetterPage.tsx';
export { AccountabilityPage, AccountabilityRoute } from './AccountabilityPages.tsx';
