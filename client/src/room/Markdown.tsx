import ReactMarkdown, { type Components } from 'react-markdown'

// Headings inside a prompt sit below the page's own section headings.
const COMPONENTS: Components = {
  h1: ({ children }) => <h4>{children}</h4>,
  h2: ({ children }) => <h5>{children}</h5>,
  h3: ({ children }) => <h6>{children}</h6>,
}

/**
 * Renders a prompt's Markdown as React elements with react-markdown. Raw HTML in a prompt file is
 * not rendered (react-markdown's default), so a prompt cannot inject markup; links are not
 * followed by us but shown as text links.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown components={COMPONENTS} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  )
}
