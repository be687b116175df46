<?xml version="1.0" encoding="utf-8"?>
<!-- An Atom feed opened in a browser: a readable page saying what a feed is and how to follow it, with its entries.
     Feed readers ignore this; the feed itself stays plain Atom. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="en-GB">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="atom:title"/> – feed</title>
        <link rel="icon" href="/icon.svg" type="image/svg+xml"/>
        <style>
          :root { color-scheme: light dark; --ink: #1D2327; --soft: #4A5259; --paper: #FBF8F3; --card: #fff; --line: #DDD6CA; --link: #0B5563; --warm: #FCEBDD; }
          @media (prefers-color-scheme: dark) { :root { --ink: #ECEFF1; --soft: #C3CBD0; --paper: #121719; --card: #1C2427; --line: #35434A; --link: #8FD8E4; --warm: #2A221D; } }
          body { margin: 0; font: 1.1875rem/1.5 system-ui, sans-serif; background: var(--paper); color: var(--ink); }
          header { background: #0B5563; color: #fff; padding: .75rem 1rem; font-weight: 700; }
          header a { color: #fff; }
          main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
          a { color: var(--link); }
          a:focus-visible { outline: 3px solid transparent; background: #FFDD00; color: #0B0C0C; box-shadow: 0 4px #0B0C0C; text-decoration: none; }
          .about { background: var(--warm); border-radius: 12px; padding: 1rem 1.25rem; }
          code { overflow-wrap: anywhere; font-size: 1rem; background: var(--card); padding: .1rem .3rem; border-radius: 4px; }
          ol { list-style: none; padding: 0; }
          li { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1rem 1.25rem; margin: 0 0 1rem; }
          h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
          .meta { color: var(--soft); font-size: 1rem; margin: 0 0 .5rem; }
          p { margin: 0 0 .75rem; }
        </style>
      </head>
      <body>
        <header><a href="/">SocialCareStories</a></header>
        <main>
          <h1><xsl:value-of select="atom:title"/></h1>
          <div class="about">
            <p><strong>This is a web feed</strong>, the page a feed reader follows. Copy its address into your reader
              (for example Feedly, Inoreader, NetNewsWire or Thunderbird) to hear of each new story as it is published:</p>
            <p><code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
            <p>New to feeds? <a href="https://aboutfeeds.com/">About Feeds</a> explains them in a few minutes.
              Or <a href="{atom:link[@rel='alternate']/@href}">go back to the stories on the website</a>.</p>
          </div>
          <h2 style="font-size:1.5rem;margin:2rem 0 1rem">Newest stories</h2>
          <ol>
            <xsl:for-each select="atom:entry">
              <li>
                <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
                <p class="meta">
                  <xsl:for-each select="atom:author"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="atom:name"/></xsl:for-each>
                  <xsl:if test="atom:published"> · <xsl:value-of select="substring(atom:published, 1, 10)"/></xsl:if>
                </p>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
