import { useAppStore } from '../state/useAppStore'
import { NamePrompt } from '../ui/NamePrompt'
import { Board } from './Board'

/** An interview room at `/s/<sessionId>`: asks for a name on the first visit, then shows the board. */
export function RoomPage({ sessionId }: { sessionId: string }) {
  const userName = useAppStore((s) => s.userName)
  const userColor = useAppStore((s) => s.userColor)
  if (!userName) return <NamePrompt />
  return <Board sessionId={sessionId} userName={userName} userColor={userColor} />
}
