import { addCalendarDays, deadlineBadge } from './timeline-deps.ts';
