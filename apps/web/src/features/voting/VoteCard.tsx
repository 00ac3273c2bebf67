import { LikeFilled, ShareAltOutlined } from '@ant-design/icons';
import type { TVoteCard, TVoteReceipt } from '@casearena/contract';
import { Alert, Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useEntryCampaign } from '../../api/entries.ts';
import { useMe } from '../../api/me.ts';
import { queryClient } from '../../api/query-client.ts';
import { castVote, newIdempotencyKey, useVoteCard, votingKeys } from '../../api/voting.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useLang } from '../../i18n/index.ts';
import { FloatingPlus } from './FloatingPlus.tsx';
import { voteRefusalText } from './refusal-text.ts';
import { ShareSheet } from './ShareSheet.tsx';
import { useVoteStream } from './use-vote-stream.ts';
import { hasVoting } from './voting-campaign.ts';

/** What the click did, for the line under the button. */
type Outcome =
  | { kind: 'voted'; receipt: TVoteReceipt }
  | { kind: 'refused'; message: string; code: string }
  | { kind: 'offline' }
  | { kind: 'checking' };

/** The card after a counted vote: the receipt's count (unless counts are hidden) and "voted today" until the next day. */
function afterVote(card: TVoteCard, r: TVoteReceipt): TVoteCard {
  return {
    ...card,
    count: card.count ? r.count : null,
    votedToday: true,
    nextVoteAt: r.nextVoteAt,
    abilities: { vote: 'ALREADY_VOTED_TODAY' },
  };
}

/**
 * An entry's public vote card (phone first): title, hospital, theme, the count, and the big vote button when the
 * caller may vote now; otherwise why not (already voted today and when next, not open / closed with the dates, sign
 * in with a way back here). Renders nothing for a campaign without public voting. `compact`: inside the entry's own
 * page, which already shows the title, hospital and theme above it.
 */
export function VoteCard({ entryId, compact = false }: { entryId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const me = useMe();
  const viewer = me.data?.user.id ?? 'anonymous';
  const key = votingKeys.card(entryId, viewer);
  // The stream opens once the card names the campaign; until it is live the card polls.
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const stream = useVoteStream(campaignId, { entryId }, (event) =>
    queryClient.setQueryData<TVoteCard>(key, (old) =>
      old?.count && event.entryId === old.entryId
        ? {
            ...old,
            count: { entryId: event.entryId, weight: event.weight, votes: event.votes, voidedVotes: event.voidedVotes },
          }
        : old,
    ),
  );
  const card = useVoteCard(entryId, viewer, { enabled: !me.isPending, poll: !stream.live });
  if (card.data && card.data.campaignId !== campaignId) setCampaignId(card.data.campaignId);
  const campaign = useEntryCampaign(card.data?.campaignId);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sending, setSending] = useState(false);
  const [plus, setPlus] = useState<{ n: number; weight: number } | null>(null);
  const [sharing, setSharing] = useState(false);
  // The key of the click in flight or of the one the network lost: a retry sends it again, a new click a new one.
  const pendingKey = useRef<string | null>(null);

  if (me.isPending || card.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  // Voting is an extra on the entry page: without it (or when its card fails) the page shows the entry alone.
  if (card.isError || !card.data) return null;
  if (campaign.data && !hasVoting(campaign.data)) return null;
  const c = card.data;

  /** The vote; a CHALLENGE_REQUIRED answer is solved in the browser and the same vote (same key) sent once more. */
  const send = async (idempotencyKey: string) => {
    try {
      return await castVote(entryId, idempotencyKey);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'CHALLENGE_REQUIRED')) throw err;
      setOutcome({ kind: 'checking' });
      const { solveVoteChallenge } = await import('./vote-challenge.ts');
      return castVote(entryId, idempotencyKey, await solveVoteChallenge());
    }
  };

  const vote = async (retry: boolean) => {
    if (!retry || !pendingKey.current) pendingKey.current = newIdempotencyKey();
    setSending(true);
    try {
      const receipt = await send(pendingKey.current);
      pendingKey.current = null;
      queryClient.setQueryData<TVoteCard>(key, (old) => (old ? afterVote(old, receipt) : old));
      void queryClient.invalidateQueries({ queryKey: ['voting', 'leaderboard', c.campaignId] });
      setOutcome({ kind: 'voted', receipt });
      setPlus((p) => ({ n: (p?.n ?? 0) + 1, weight: receipt.weight }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NETWORK') {
        setOutcome({ kind: 'offline' });
        return;
      }
      pendingKey.current = null;
      // Not an ApiError: the browser could not solve the check (no WebCrypto on plain http, or it gave up).
      setOutcome({
        kind: 'refused',
        message: err instanceof ApiError ? err.message : t('voting.refusals.CHALLENGE_REQUIRED'),
        code: err instanceof ApiError ? err.code : 'CHALLENGE_REQUIRED',
      });
      void card.refetch();
    } finally {
      setSending(false);
    }
  };

  const ability = c.abilities.vote;
  const next = `${location.pathname}${location.search}`;
  const canShare = ability !== 'NOT_VOTABLE';

  return (
    <Wrapper compact={compact}>
      <Flex vertical gap={12}>
        {compact ? null : (
          <>
            <Flex gap={8} wrap="wrap" align="center">
              <Tag color="blue" data-testid="vote-card-number">
                {c.number}
              </Tag>
              <Typography.Text type="secondary" data-testid="vote-card-theme">
                {c.theme.code} {c.theme.title}
              </Typography.Text>
            </Flex>
            <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="vote-card-title">
              {c.title}
            </Typography.Title>
            <Typography.Text data-testid="vote-card-hospital">{c.organizationName}</Typography.Text>
          </>
        )}

        <Flex vertical align="center" gap={4} style={{ padding: '8px 0' }}>
          {c.count ? (
            <>
              <Flex gap={8} align="center">
                <Typography.Text type="secondary">{t('voting.count')}</Typography.Text>
                {stream.live ? (
                  <Tag color="green" data-testid="vote-live" style={{ marginInlineEnd: 0 }}>
                    {t('voting.live')}
                  </Tag>
                ) : null}
              </Flex>
              <span
                data-testid="vote-count"
                aria-live="polite"
                style={{ fontSize: 44, fontWeight: 700, lineHeight: 1.1, color: '#0f6cbd', fontVariantNumeric: 'tabular-nums' }}
              >
                {c.count.weight.toLocaleString(lang)}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('voting.votes', { n: c.count.votes.toLocaleString(lang) })}
              </Typography.Text>
              {c.count.voidedVotes > 0 ? (
                <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="vote-voided">
                  {t('voting.voided', { n: c.count.voidedVotes.toLocaleString(lang) })}
                </Typography.Text>
              ) : null}
            </>
          ) : (
            <Typography.Text type="secondary" data-testid="vote-count-hidden">
              {t('voting.countHidden')}
            </Typography.Text>
          )}
        </Flex>

        <div style={{ position: 'relative' }}>
          {plus ? <FloatingPlus key={plus.n} text={`+${plus.weight}`} /> : null}
          {ability === true ? (
            <Button
              type="primary"
              size="large"
              block
              icon={<LikeFilled />}
              loading={sending}
              onClick={() => void vote(false)}
              style={{ height: 56, fontSize: 18 }}
              data-testid="vote-button"
            >
              {c.myWeight !== null ? t('voting.voteWeight', { weight: c.myWeight }) : t('voting.vote')}
            </Button>
          ) : ability === 'UNAUTHENTICATED' ? (
            <LinkButton
              to={`/login?next=${encodeURIComponent(next)}`}
              type="primary"
              size="large"
              block
              style={{ height: 56, fontSize: 18 }}
              data-testid="vote-sign-in"
            >
              {t('voting.signIn')}
            </LinkButton>
          ) : (
            <Alert
              type={ability === 'ALREADY_VOTED_TODAY' ? 'success' : 'info'}
              showIcon
              data-testid="vote-refusal"
              data-code={ability}
              title={voteRefusalText(ability, c, lang)}
            />
          )}
        </div>

        {outcome?.kind === 'voted' ? (
          <Typography.Text type="success" strong data-testid="vote-success" style={{ textAlign: 'center' }}>
            {t(outcome.receipt.replayed ? 'voting.votedReplay' : 'voting.voted', { weight: outcome.receipt.weight })}
          </Typography.Text>
        ) : outcome?.kind === 'refused' && outcome.code !== ability ? (
          // Once the card's reloaded ability says the same (already voted today …), its own notice tells it once.
          <Alert type="warning" showIcon data-testid="vote-error" title={outcome.message} />
        ) : outcome?.kind === 'checking' && sending ? (
          <Typography.Text type="secondary" data-testid="vote-checking" style={{ textAlign: 'center' }}>
            {t('voting.checking')}
          </Typography.Text>
        ) : outcome?.kind === 'offline' ? (
          <Button danger block onClick={() => void vote(true)} loading={sending} data-testid="vote-retry">
            {t('voting.retry')}
          </Button>
        ) : null}

        {canShare ? (
          <Button icon={<ShareAltOutlined />} block onClick={() => setSharing(true)} data-testid="vote-share">
            {t('voting.share')}
          </Button>
        ) : null}
      </Flex>
      {sharing ? (
        <ShareSheet card={c} campaignTitle={campaign.data?.title ?? ''} open={sharing} onClose={() => setSharing(false)} />
      ) : null}
    </Wrapper>
  );
}

/** A card of its own, or (compact, inside the entry page's card) a tinted box. */
function Wrapper({ compact, children }: { compact: boolean; children: ReactNode }) {
  return compact ? (
    <div data-testid="vote-card" style={{ background: '#f3f8fe', border: '1px solid #d6e6f8', borderRadius: 12, padding: 16 }}>
      {children}
    </div>
  ) : (
    <Card data-testid="vote-card" styles={{ body: { padding: 20 } }}>
      {children}
    </Card>
  );
}
