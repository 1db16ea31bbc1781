const zh = {
  work: {
    title: '信访工作',
    tabs: {
      reception: '领导接访',
      backlog: '积案',
      campaigns: '专项治理',
      meetings: '联席会议',
      letters: '责任书与考核',
      accountability: '责任追究',
    },
  },
};

const en: typeof zh = {
  work: {
    title: 'Organised work',
    tabs: {
      reception: 'Reception days',
      backlog: 'Backlog',
      campaigns: 'Campaigns',
      meetings: 'Joint meetings',
      letters: 'Letters and assessment',
      accountability: 'Accountability',
    },
  },
};

export const workShellMessages = { zh, en };
