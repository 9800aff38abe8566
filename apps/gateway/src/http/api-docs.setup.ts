import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_ENVELOPE_SCHEMA, ERROR_ENVELOPE_SCHEMA_NAME } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { QUEUE_DASHBOARD_PATH } from '../admin/queue-dashboard';

export const DOCS_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/docs/openapi.json';

const DESCRIPTION = `Speech understanding over HTTP: OpenAI-compatible transcription, the rich transcript, cry detection.

Authentication: an API key as \`Authorization: Bearer <key>\` or \`X-API-Key: <key>\`; each route names the scope it
needs (\`transcribe\`, \`cry-detection\`, \`jobs\`, \`admin\`; \`admin\` passes every scope check). Keys are made with
\`earshot keys create\`. With \`AUTH_MODE=open\` no key is needed.

Errors: every failure is one JSON envelope, \`{"error": {"message", "type", "param", "code"}}\` (schema
\`${ERROR_ENVELOPE_SCHEMA_NAME}\`), with the HTTP status of its code. Over the rate limit: 429 with \`Retry-After\`.`;

/** The OpenAPI document of every Nest route the app has (any controller, by its swagger decorators). */
export function buildOpenApiDocument(app: INestApplication, config: GatewayConfig, dashboard: boolean): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('earshot gateway')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key as a bearer token' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key in a header' }, 'apiKey')
    // Either scheme satisfies a route; @Public() routes override this with no requirement.
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('apiKey')
    .build();
  const doc = SwaggerModule.createDocument(app, base);
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, [ERROR_ENVELOPE_SCHEMA_NAME]: ERROR_ENVELOPE_SCHEMA } };
  if (config.metricsPublic && doc.paths['/metrics']?.get) doc.paths['/metrics'].get.security = [];
  if (dashboard) {
    doc.paths[QUEUE_DASHBOARD_PATH] = {
      get: {
        tags: ['operations'],
        summary: 'Queue dashboard (bull-board): HTML; its JSON API lives under /admin/queues/api',
        description: 'Needs the `admin` scope. Only when the queue driver is BullMQ (not in embedded mode).',
        responses: {
          '200': { description: 'The dashboard page', content: { 'text/html': {} } },
          '401': { description: 'UNAUTHORIZED', content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_ENVELOPE_SCHEMA_NAME}` } } } },
          '403': { description: 'FORBIDDEN', content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_ENVELOPE_SCHEMA_NAME}` } } } },
        },
      },
    };
  }
  return doc;
}

/**
 * Serves swagger-ui at /docs (its files from the installed swagger-ui-dist, never a CDN) and the document at
 * /docs/openapi.json. Public: the document describes the API and names no key or secret.
 */
export function mountApiDocs(app: INestApplication, config: GatewayConfig, dashboard: boolean): void {
  const doc = buildOpenApiDocument(app, config, dashboard);
  SwaggerModule.setup(DOCS_PATH.slice(1), app, doc, {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'earshot API',
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}
